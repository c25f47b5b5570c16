package dev.diffsweep.analysis;

import dev.diffsweep.analysis.fixture.SyntheticStudy;
import dev.diffsweep.analysis.stats.BootstrapSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * A synthetic study written into a test's folder and analysed once with a small seeded bootstrap:
 * the fixture of the test classes that check what one analysis of one study wrote.
 *
 * @param folder the study folder
 * @param options the options it was analysed with (the defaults but for the bootstrap)
 * @param result what the analysis returned
 */
record AnalysedStudy(String folder, AnalysisOptions options, AnalysisResult result) {

  /**
   * Writes {@code spec} into {@code parent}, adds {@code files} (file name to text) to the study
   * folder, e.g. the study's own references, and analyses it.
   */
  static AnalysedStudy write(
      Path parent, SyntheticStudy.Spec spec, BootstrapSettings bootstrap, Map<String, String> files)
      throws IOException {
    SparkSession spark = LocalSpark.session();
    String folder = SyntheticStudy.writeIn(spark, parent, spec);
    for (Map.Entry<String, String> file : files.entrySet()) {
      Files.writeString(Path.of(folder, file.getKey()), file.getValue());
    }
    AnalysisOptions options = AnalysisOptions.DEFAULT.withBootstrap(bootstrap);
    return new AnalysedStudy(folder, options, StudyAnalysis.run(spark, folder, options));
  }

  /** The report.html the analysis wrote. */
  String report() throws IOException {
    return Files.readString(Path.of(result.reportPath()));
  }
}
