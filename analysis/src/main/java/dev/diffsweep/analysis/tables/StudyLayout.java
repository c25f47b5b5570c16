package dev.diffsweep.analysis.tables;

import org.apache.hadoop.fs.Path;

/** Where a study's tables live and where the analysis writes (see docs/TABLES.md). */
public record StudyLayout(Path root) {
  public static StudyLayout of(String studyPath) {
    return new StudyLayout(new Path(studyPath));
  }

  public Path trials() {
    return new Path(root, "tables/trials");
  }

  public Path episodes() {
    return new Path(root, "tables/episodes");
  }

  public Path evaluations() {
    return new Path(root, "tables/evaluations");
  }

  public Path studyConf() {
    return new Path(root, "study.conf");
  }

  public Path output(String name) {
    return new Path(root, name);
  }

  public Path report() {
    return new Path(root, "report.html");
  }
}
