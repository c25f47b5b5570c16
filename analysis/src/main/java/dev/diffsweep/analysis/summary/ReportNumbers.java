package dev.diffsweep.analysis.summary;

import java.util.Locale;

/** How the report and the terminal's verdict lines print a number: one rule, so they agree. */
public final class ReportNumbers {
  private ReportNumbers() {}

  /** "n/a" for a missing value, 3 significant digits far from 1, else 1 or 3 decimals. */
  public static String format(Double value) {
    if (value == null || value.isNaN()) {
      return "n/a";
    }
    if (value.isInfinite()) {
      return value > 0 ? "inf" : "-inf";
    }
    double magnitude = Math.abs(value);
    return magnitude != 0 && (magnitude >= 1e6 || magnitude < 1e-3)
        ? String.format(Locale.ROOT, "%.3g", value)
        : String.format(Locale.ROOT, magnitude >= 100 ? "%.1f" : "%.3f", value);
  }
}
