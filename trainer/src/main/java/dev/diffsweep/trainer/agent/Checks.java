package dev.diffsweep.trainer.agent;

/** Hyperparameter range checks that name the key the user typed. */
final class Checks {
  private Checks() {}

  static void positive(String key, double value) {
    if (!(value > 0)) {
      throw new IllegalArgumentException(key + " must be > 0, got " + value);
    }
  }

  static void nonNegative(String key, double value) {
    if (!(value >= 0)) {
      throw new IllegalArgumentException(key + " must be >= 0, got " + value);
    }
  }

  static void inRange(String key, double value, double low, double high) {
    if (!(value >= low && value <= high)) {
      throw new IllegalArgumentException(
          key + " must be in [" + low + ", " + high + "], got " + value);
    }
  }
}
