package dev.diffsweep.trainer.agent;

/** Hyperparameter range checks that name the key the user typed. */
public final class Checks {
  private Checks() {}

  public static void positive(String key, double value) {
    if (!(value > 0)) {
      throw new IllegalArgumentException(key + " must be > 0, got " + value);
    }
  }

  public static void nonNegative(String key, double value) {
    if (!(value >= 0)) {
      throw new IllegalArgumentException(key + " must be >= 0, got " + value);
    }
  }

  public static void inRange(String key, double value, double low, double high) {
    if (!(value >= low && value <= high)) {
      throw new IllegalArgumentException(
          key + " must be in [" + low + ", " + high + "], got " + value);
    }
  }
}
