package dev.diffsweep.analysis.references;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.diffsweep.analysis.references.PublishedReference.Metric;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PublishedReferencesTest {
  private static final String HEADER =
      "task,algorithm,source,source_url,budget,metric,mean,std,seeds,note\n";

  @Test
  void readsAGoodFileWithCommentsQuotesAndColumnsInAnyOrder() {
    String text =
        "# a comment\n"
            + "\n"
            + "note,task,algorithm,source,source_url,budget,metric,mean,std,seeds,extra\n"
            + "\"v3, best point\",Hopper-v3,SAC,Tianshou,https://x,1e6,deterministic,3542.2,51.5,10,x\n"
            + "\"say \"\"hi\"\"\",Hopper-v4,ppo,CleanRL,https://y,100000,Training,-40.38,7.15,3,\n";
    List<PublishedReference> rows = PublishedReferences.parse("refs.csv", text);
    assertThat(rows)
        .extracting(
            PublishedReference::task,
            PublishedReference::algorithm,
            PublishedReference::budget,
            PublishedReference::metric,
            PublishedReference::mean,
            PublishedReference::std,
            PublishedReference::seeds,
            PublishedReference::note)
        .containsExactly(
            tuple(
                "Hopper-v3",
                "sac",
                1_000_000L,
                Metric.DETERMINISTIC,
                3542.2,
                51.5,
                10,
                "v3, best point"),
            tuple("Hopper-v4", "ppo", 100_000L, Metric.TRAINING, -40.38, 7.15, 3, "say \"hi\""));
    assertThat(rows.get(0).taskFamily()).isEqualTo("Hopper");
    assertThat(rows.get(0).taskVersion()).isEqualTo("v3");
    assertThat(rows.get(0).origin()).isEqualTo("refs.csv:4");
  }

  @Test
  void aMissingColumnIsOneLineNamingFileLineAndColumn() {
    String text = "task,algorithm,source,source_url,budget,metric,mean,std,note\nx\n";
    assertThatThrownBy(() -> PublishedReferences.parse("study/references.csv", text))
        .isInstanceOf(ReferenceFileException.class)
        .hasMessageStartingWith("study/references.csv:1: missing column 'seeds'")
        .hasMessageNotContaining("\n");
  }

  @Test
  void aNonNumericValueNamesFileLineAndColumn() {
    String text =
        HEADER
            + "Hopper-v4,sac,CleanRL,https://x,1000000,training,2310.46,342.82,3,ok\n"
            + "Hopper-v4,sac,CleanRL,https://x,1000000,training,lots,342.82,3,bad\n";
    assertThatThrownBy(() -> PublishedReferences.parse("refs.csv", text))
        .isInstanceOf(ReferenceFileException.class)
        .hasMessage("refs.csv:3:7: column 'mean' is not a number: \"lots\"");
  }

  @Test
  void otherBadValuesAreNamedToo() {
    assertThatThrownBy(
            () ->
                PublishedReferences.parse(
                    "r.csv", HEADER + "Hopper-v4,sac,S,u,1000000,greedy,1,1,3,\n"))
        .hasMessage(
            "r.csv:2:6: column 'metric' 'greedy' is neither 'training' nor 'deterministic'");
    assertThatThrownBy(
            () ->
                PublishedReferences.parse(
                    "r.csv", HEADER + "Hopper-v4,sac,S,u,1.5,training,1,1,3,\n"))
        .hasMessageStartingWith("r.csv:2:5: column 'budget' is not a whole positive number");
    assertThatThrownBy(
            () ->
                PublishedReferences.parse(
                    "r.csv", HEADER + "Hopper-v4,sac,S,u,10,training,1,1,2.5,\n"))
        .hasMessage("r.csv:2:9: column 'seeds' is not a whole number: \"2.5\"");
    assertThatThrownBy(
            () -> PublishedReferences.parse("r.csv", HEADER + ",sac,S,u,10,training,1,1,2,\n"))
        .hasMessage("r.csv:2:1: column 'task' is empty");
    assertThatThrownBy(
            () -> PublishedReferences.parse("r.csv", HEADER + "Hopper-v4,sac,\"S,u,10\n"))
        .hasMessageStartingWith("r.csv:2:3: unclosed double quote");
  }

  @Test
  void aBadStudyFileIsAWarningAndItsGoodRowsStillCount() {
    String study =
        HEADER
            + "Hopper-v4,wpo,Mine,https://m,200000,deterministic,1500,100,5,ours\n"
            + "Hopper-v4,wpo,Mine,https://m,200000,deterministic,n/a,100,5,broken\n";
    PublishedReferences references = PublishedReferences.load(Optional.of(study), "refs.csv");
    assertThat(references.warnings())
        .containsExactly("refs.csv:3:7: column 'mean' is not a number: \"n/a\"");
    assertThat(references.algorithms()).contains("sac", "ppo", "wpo");
    assertThat(references.nearest("Hopper-v4", "wpo", 100_000))
        .extracting(PublishedReference::mean)
        .containsExactly(1500.0);

    PublishedReferences headless =
        PublishedReferences.load(Optional.of("task,algorithm\n"), "refs.csv");
    assertThat(headless.warnings()).hasSize(1);
    assertThat(headless.warnings().get(0)).startsWith("refs.csv:1: missing columns 'source'");
    assertThat(headless.all()).isEqualTo(PublishedReferences.bundled().all());
  }

  @Test
  void theBundledFileReadsCleanlyWithTheCheckedNumbers() {
    PublishedReferences bundled = PublishedReferences.bundled();
    assertThat(bundled.warnings()).isEmpty();
    assertThat(bundled.algorithms()).containsExactly("ppo", "sac");
    assertThat(bundled.all())
        .extracting(
            PublishedReference::source,
            PublishedReference::task,
            PublishedReference::algorithm,
            PublishedReference::mean,
            PublishedReference::std)
        .contains(
            tuple("CleanRL", "HalfCheetah-v2", "sac", 9634.89, 1423.73),
            tuple("CleanRL", "Humanoid-v4", "sac", 4996.29, 686.40),
            tuple("CleanRL", "HalfCheetah-v4", "ppo", 1442.64, 46.03),
            tuple("CleanRL", "Hopper-v4", "ppo", 2382.86, 271.74),
            tuple("Tianshou", "Hopper-v3", "sac", 3542.2, 51.5),
            tuple("SB3 RL Zoo", "Walker2d-v3", "sac", 3863.203, 254.347));
    assertThat(bundled.all())
        .allSatisfy(
            r -> {
              assertThat(r.sourceUrl()).startsWith("https://");
              assertThat(r.note()).isNotEmpty();
            });
  }

  /**
   * One source's references at several budgets: the Hopper ones for the curve plots, the Ant ones
   * for the report's nearest budget; each family is the other's distractor.
   */
  private static final PublishedReferences AT_SEVERAL_BUDGETS =
      PublishedReferences.of(
          List.of(
              reference("Hopper-v3", "sac", 1_000_000),
              reference("Hopper-v3", "sac", 100_000),
              reference("Hopper-v4", "sac", 200_000),
              reference("Hopper-v4", "ppo", 100_000),
              reference("Walker2d-v4", "sac", 100_000),
              reference("HopperBullet-v0", "sac", 100_000),
              reference("Ant-v3", "sac", 100_000),
              reference("Ant-v3", "sac", 300_000),
              reference("Ant-v3", "sac", 1_000_000),
              reference("Ant-v4", "sac", 1_000_000)));

  @Test
  void aCurvePlotOverlaysItsTaskAndTheDrawnAgentsBaseWithinReach() {
    assertThat(AT_SEVERAL_BUDGETS.forCurvePlot("Hopper-v4", List.of("diffsac"), 100_000))
        .extracting(PublishedReference::task, PublishedReference::budget)
        .containsExactly(tuple("Hopper-v3", 100_000L), tuple("Hopper-v4", 200_000L));
    assertThat(AT_SEVERAL_BUDGETS.forCurvePlot("Hopper-v4", List.of("sac", "diffppo"), 500_000))
        .extracting(PublishedReference::algorithm, PublishedReference::budget)
        .containsExactly(
            tuple("sac", 1_000_000L),
            tuple("sac", 100_000L),
            tuple("sac", 200_000L),
            tuple("ppo", 100_000L));
    assertThat(AT_SEVERAL_BUDGETS.forCurvePlot("Hopper-v4", List.of("wpo", "diffwpo"), 1_000_000))
        .isEmpty();
    assertThat(AT_SEVERAL_BUDGETS.forCurvePlot("Hopper-v4", List.of("sac"), 40_000)).isEmpty();
  }

  @Test
  void theReportTakesEachSourcesReferenceNearestTheStudysBudget() {
    assertThat(AT_SEVERAL_BUDGETS.nearest("Ant-v4", "sac", 150_000))
        .extracting(PublishedReference::task, PublishedReference::budget)
        .containsExactly(tuple("Ant-v3", 100_000L), tuple("Ant-v4", 1_000_000L));
    assertThat(AT_SEVERAL_BUDGETS.nearest("Ant-v4", "sac", 600_000))
        .extracting(PublishedReference::budget)
        .containsExactly(1_000_000L, 1_000_000L);
    assertThat(AT_SEVERAL_BUDGETS.nearest("Ant-v4", "diffsac", 600_000)).isEmpty();
    assertThat(PublishedReferences.baseOf("diffppo")).isEqualTo("ppo");
    assertThat(PublishedReferences.baseOf("sac")).isEqualTo("sac");
  }

  @ParameterizedTest(name = "{0} at {1} steps on {2} beside {3}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      textBlock =
          """
          # study's return | budget | task | the reference as its file gives it | the sentence
          760  | 100000  | Hopper-v4 | Hopper-v2,sac,CleanRL,u,1000000,training,2000,300,3, | Below the reference's range (mean ± std), at 38 % of its mean; note budget 100k vs 1M; the reference is the training episodic return, the study's the deterministic evaluation return; task Hopper-v2 vs the study's v4.
          2100 | 1000000 | Hopper-v4 | Hopper-v4,sac,Zoo,u,1000000,deterministic,2000,300,1, | Within the reference's range (mean ± std), at 105 % of its mean; note the reference is a single run.
          -20  | 1050000 | Pusher-v4 | Pusher-v4,ppo,C,u,1000000,deterministic,-40,7,3,      | Above the reference's range (mean ± std).
          """)
  void theSentenceSaysWhereTheStudySitsAndEveryMismatch(
      double studyReturn, long studyBudget, String studyTask, String reference, String sentence) {
    PublishedReference parsed = PublishedReferences.parse("r.csv", HEADER + reference).get(0);
    assertThat(ReferenceComparison.sentence(studyReturn, studyBudget, studyTask, parsed))
        .isEqualTo(sentence);
  }

  @Test
  void stepsAreWrittenInThousandsOrMillions() {
    assertThat(ReferenceComparison.steps(1_500_000)).isEqualTo("1.5M");
    assertThat(ReferenceComparison.steps(20_000)).isEqualTo("20k");
    assertThat(ReferenceComparison.steps(750)).isEqualTo("750");
  }

  private static PublishedReference reference(String task, String algorithm, long budget) {
    return new PublishedReference(
        task, algorithm, "S", "https://s", budget, Metric.DETERMINISTIC, 1000, 100, 5, "", "");
  }
}
