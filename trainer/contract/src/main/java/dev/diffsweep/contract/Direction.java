package dev.diffsweep.contract;

import java.util.Comparator;
import java.util.Locale;

/**
 * Whether a tuning looks for the largest or the smallest objective. The tuner writes it and the
 * analysis reads it back, so both take it from here.
 */
public enum Direction {
  MAXIMIZE,
  MINIMIZE;

  /** The value turned into a loss, lower is better, so samplers and pruners need one code path. */
  public double loss(double value) {
    return this == MAXIMIZE ? -value : value;
  }

  /** Orders objective values from the best to the worst. */
  public Comparator<Double> bestFirst() {
    return this == MAXIMIZE ? Comparator.reverseOrder() : Comparator.naturalOrder();
  }

  /** The better of two objective values. */
  public double better(double a, double b) {
    return this == MAXIMIZE ? Math.max(a, b) : Math.min(a, b);
  }

  /** As the study file spells it: {@code maximize} or {@code minimize}. */
  public String text() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The direction a study file names; IllegalArgumentException for any other word. */
  public static Direction parse(String text) {
    return valueOf(text.trim().toUpperCase(Locale.ROOT));
  }
}
