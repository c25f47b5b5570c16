package dev.diffsweep.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.diffsweep.analysis.fixture.SyntheticStudy;
import dev.diffsweep.analysis.references.PublishedReferences;
import dev.diffsweep.analysis.stats.BootstrapSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report's "Published references" section on a synthetic study of sac, diffsac, ppo and wpo
 * with its own references.csv: one good wpo row and one bad row.
 */
class PublishedReferencesReportTest {
  @TempDir static Path folder;
  private static String study;
  private static String report;
  private static String section;

  @BeforeAll
  static void analyseAStudyWithItsOwnReferences() throws Exception {
    AnalysedStudy analysed =
        AnalysedStudy.write(
            folder,
            new SyntheticStudy.Spec(
                "refs",
                List.of("sac", "diffsac", "ppo", "wpo"),
                List.of("Hopper-v4", "Walker2d-v4"),
                3,
                10,
                2000,
                0,
                List.of(10)),
            new BootstrapSettings(200, 0.95, 5),
            Map.of(
                PublishedReferences.STUDY_FILE,
                "task,algorithm,source,source_url,budget,metric,mean,std,seeds,note\n"
                    + "Hopper-v4,wpo,Our lab,https://example.org/wpo,20000,deterministic,150,20,5,pilot\n"
                    + "Walker2d-v4,wpo,Our lab,https://example.org/wpo,20000,deterministic,oops,20,5,x\n"));
    study = analysed.folder();
    report = analysed.report();
    int start = report.indexOf("<h2>Published references</h2>");
    section = start < 0 ? "" : report.substring(start, report.indexOf("<h2>", start + 4));
  }

  @Test
  void theSectionFollowsTheComparison() {
    assertThat(report.indexOf("<h2>Published references</h2>"))
        .isGreaterThan(report.indexOf("<h2>Diff* against its base</h2>"))
        .isLessThan(report.indexOf("<h2>Trials</h2>"));
  }

  @Test
  void eachBaselineAndTaskIsSetBesideItsMatchingReferences() {
    assertThat(section)
        .contains("<td class=\"t\">Hopper-v4</td><td class=\"t\">sac</td>")
        .contains("<td class=\"t\">Walker2d-v4</td><td class=\"t\">ppo</td>")
        .contains("<td class=\"t\">Hopper-v2</td>")
        .contains("<td class=\"t\">Hopper-v3</td>")
        .contains("<td class=\"t\">Hopper-v4</td><td class=\"t\">ppo</td>")
        .contains("2310.5 ± 342.8")
        .contains("2382.9 ± 271.7")
        .contains("3542.2 ± 51.5")
        .contains("3863.2 ± 254.3")
        .contains("CleanRL", "Tianshou", "SB3 RL Zoo")
        .contains("https://docs.cleanrl.dev/rl-algorithms/sac/");
    // The Diff* agents are compared with their base above, not with references here.
    assertThat(section).doesNotContain("<td class=\"t\">diffsac</td>");
  }

  @Test
  void theSentenceIsHonestAboutBudgetMetricAndVersion() {
    assertThat(section)
        .contains("note budget 20k vs 1M")
        .contains("the reference is the training episodic return")
        .contains("task Hopper-v3 vs the study's v4")
        .contains("the reference is a single run");
  }

  @Test
  void aCurvePlotWithAnOverlaidReferenceRenders() {
    // The study's wpo row (20k steps) is within reach of the 20k-step Hopper plot, so the plot
    // draws it with its error bar (which references are drawn: PublishedReferencesTest).
    assertThat(Path.of(study, "plots", "curve-Hopper-v4.png")).isNotEmptyFile();
    assertThat(report).contains("Hopper-v4: IQM evaluation return (95% stratified-bootstrap CI)");
  }

  @Test
  void theStudysOwnReferencesCountAndABadRowIsAWarningNotAFailure() {
    assertThat(section)
        .contains("<td class=\"t\">Our lab</td>")
        .contains("150.0 ± 20.000")
        .contains("https://example.org/wpo")
        .contains("references.csv:3:7: column 'mean'")
        .contains("is not a number: &quot;oops&quot;")
        .contains("wpo on Walker2d-v4: no published reference for this task");
  }
}
