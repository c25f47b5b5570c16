package dev.diffsweep.pipeline.tune.sampler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.diffsweep.pipeline.tune.SyntheticProblem;
import dev.diffsweep.pipeline.tune.space.TrialProposal;
import dev.diffsweep.pipeline.tune.state.TuningHistory;
import io.jenetics.DoubleGene;
import io.jenetics.Genotype;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class GeneticSamplerTest {
  private static final int POPULATION = 10;
  private static final int GENERATIONS = 12;
  private static final int SEEDS = 5;

  @Test
  void theBestAndTheTypicalTrialImproveAcrossGenerations() {
    double firstBest = 0;
    double lastBest = 0;
    double firstMedian = 0;
    double lastMedian = 0;
    for (long seed = 0; seed < SEEDS; seed++) {
      GeneticSampler sampler =
          new GeneticSampler(SyntheticProblem.space(), seed, POPULATION, 3, 0.5, 0.2);
      TuningHistory history = SyntheticTuning.run(sampler, POPULATION * GENERATIONS, POPULATION);
      double[] first = generationLosses(history, 0);
      double[] last = generationLosses(history, GENERATIONS - 1);
      firstBest += Arrays.stream(first).min().orElseThrow() / SEEDS;
      lastBest += SyntheticTuning.bestLoss(history) / SEEDS;
      firstMedian += median(first) / SEEDS;
      lastMedian += median(last) / SEEDS;
    }

    System.out.printf(
        "genetic: best %.4f -> %.4f, generation median %.4f -> %.4f%n",
        firstBest, lastBest, firstMedian, lastMedian);
    assertThat(lastBest).isLessThan(0.5 * firstBest);
    assertThat(lastMedian).isLessThan(0.5 * firstMedian);
  }

  @Test
  void genotypesMapBackToTheSameConfiguration() {
    GeneticSampler sampler = GeneticSampler.withDefaults(SyntheticProblem.space(), 3);
    List<TrialProposal> proposals =
        new RandomSampler(SyntheticProblem.space(), 3)
            .propose(20, TuningHistory.empty(dev.diffsweep.contract.Direction.MINIMIZE));

    for (TrialProposal proposal : proposals) {
      Genotype<DoubleGene> genotype = sampler.encode(proposal.params());
      assertThat(TrialProposal.of(SyntheticProblem.space(), sampler.decode(genotype)))
          .isEqualTo(proposal);
    }
  }

  private static double[] generationLosses(TuningHistory history, int generation) {
    return history.trials().stream()
        .filter(trial -> trial.cohort() == generation)
        .mapToDouble(history::loss)
        .toArray();
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
