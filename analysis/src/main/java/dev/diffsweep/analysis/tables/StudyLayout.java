package dev.diffsweep.analysis.tables;

import dev.diffsweep.contract.ComparedPairs;
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

  /** The pairs the study compares, as the driver recorded them ({@link ComparedPairs}). */
  public Path comparedPairs() {
    return new Path(root, ComparedPairs.FILE_NAME);
  }

  public Path output(String name) {
    return new Path(root, name);
  }

  /** Where a running trial's trainer writes its evaluation parts (runs/ID/evaluations). */
  public Path runEvaluations(String trialId) {
    return new Path(root, "runs/" + trialId + "/evaluations");
  }

  public Path report() {
    return new Path(root, "report.html");
  }
}
