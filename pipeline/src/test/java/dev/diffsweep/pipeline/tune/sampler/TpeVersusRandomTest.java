package dev.diffsweep.pipeline.tune.sampler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.diffsweep.pipeline.tune.SyntheticProblem;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Test;

/**
 * TPE should find a better configuration than random search with the same number of trials on a
 * smooth objective over a mixed space (floats, a log float, an int, a categorical, a conditional
 * int). One study can be lucky either way, so the best losses are averaged over ten seeds.
 */
class TpeVersusRandomTest {
  private static final int SEEDS = 10;
  private static final int TRIALS = 60;

  @Test
  void tpeFindsABetterOptimumThanRandomWithTheSameBudgetSequentially() {
    double tpe = meanBestLoss(seed -> TpeSampler.withDefaults(SyntheticProblem.space(), seed), 1);
    double random = meanBestLoss(seed -> new RandomSampler(SyntheticProblem.space(), seed), 1);

    System.out.printf(
        "mean best loss over %d seeds, %d trials: tpe %.4f, random %.4f%n",
        SEEDS, TRIALS, tpe, random);
    assertThat(tpe).isLessThan(0.6 * random);
  }

  @Test
  void tpeStillBeatsRandomWhenTrialsArriveInBatchesOfFour() {
    double tpe = meanBestLoss(seed -> TpeSampler.withDefaults(SyntheticProblem.space(), seed), 4);
    double random = meanBestLoss(seed -> new RandomSampler(SyntheticProblem.space(), seed), 4);

    System.out.printf("batches of 4: tpe %.4f, random %.4f%n", tpe, random);
    assertThat(tpe).isLessThan(random);
  }

  private static double meanBestLoss(LongFunction<Sampler> samplerForSeed, int batch) {
    double sum = 0;
    for (long seed = 0; seed < SEEDS; seed++) {
      sum +=
          SyntheticTuning.bestLoss(SyntheticTuning.run(samplerForSeed.apply(seed), TRIALS, batch));
    }
    return sum / SEEDS;
  }
}
