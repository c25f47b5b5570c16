package dev.diffsweep.trainer.run;

/**
 * The one rule for a run seed, shared by {@code train --seed} and study files: a non-negative
 * integer that fits an int (trial ids, Parquet columns and the seed streams take an int).
 */
public final class Seeds {
  public static final long MAX = Integer.MAX_VALUE;

  /** The rule in words, for messages. */
  public static final String RULE = "a non-negative integer up to " + MAX;

  private Seeds() {}

  public static boolean valid(long seed) {
    return seed >= 0 && seed <= MAX;
  }
}
