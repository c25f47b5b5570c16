package dev.diffsweep.analysis.stats;

import java.util.SplittableRandom;

/**
 * The stratified bootstrap of Agarwal et al. (2021): each resample draws, with replacement, as many
 * runs from each stratum (a task) as that stratum holds, so every task keeps its weight in an
 * aggregate. A resample is returned as multiplicities (how often each run was drawn), which lets a
 * statistic of a sorted sample be recomputed in one pass instead of a sort per resample.
 */
public final class StratifiedBootstrap {
  private final int[][] membersByStratum;
  private final int runs;
  private final SplittableRandom random;

  /**
   * @param stratumOfRun stratum index (0-based, dense) of each run
   * @param seed makes the resamples reproducible
   */
  public StratifiedBootstrap(int[] stratumOfRun, long seed) {
    int strata = 0;
    for (int stratum : stratumOfRun) {
      strata = Math.max(strata, stratum + 1);
    }
    int[] sizes = new int[strata];
    for (int stratum : stratumOfRun) {
      sizes[stratum]++;
    }
    membersByStratum = new int[strata][];
    for (int s = 0; s < strata; s++) {
      membersByStratum[s] = new int[sizes[s]];
    }
    int[] filled = new int[strata];
    for (int run = 0; run < stratumOfRun.length; run++) {
      int s = stratumOfRun[run];
      membersByStratum[s][filled[s]++] = run;
    }
    this.runs = stratumOfRun.length;
    this.random = new SplittableRandom(seed);
  }

  /** A single stratum: the ordinary bootstrap over {@code runs} runs. */
  public static StratifiedBootstrap unstratified(int runs, long seed) {
    return new StratifiedBootstrap(new int[runs], seed);
  }

  /** Fills {@code multiplicity} (length = runs) with one resample's draw counts. */
  public void resample(int[] multiplicity) {
    java.util.Arrays.fill(multiplicity, 0);
    for (int[] members : membersByStratum) {
      for (int draw = 0; draw < members.length; draw++) {
        multiplicity[members[random.nextInt(members.length)]]++;
      }
    }
  }

  public int runs() {
    return runs;
  }
}
