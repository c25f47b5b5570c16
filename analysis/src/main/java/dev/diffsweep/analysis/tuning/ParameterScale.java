package dev.diffsweep.analysis.tuning;

import java.util.Comparator;

/** How a tuned parameter's values are laid out on a plot axis. */
public enum ParameterScale {
  /** Numbers on a linear axis. */
  LINEAR,
  /** Numbers the tuner sampled on a log scale: a log axis spreads them as the sampler did. */
  LOG,
  /** Choices, one axis position each, in their sorted order. */
  CATEGORICAL;

  /** Choices in axis order: numbers by value (64 before 128), then text alphabetically. */
  public static final Comparator<String> CATEGORY_ORDER =
      Comparator.comparing((String value) -> !isNumber(value))
          .thenComparing(
              (a, b) ->
                  isNumber(a) ? Double.compare(Double.parseDouble(a), Double.parseDouble(b)) : 0)
          .thenComparing(Comparator.naturalOrder());

  static boolean isNumber(String text) {
    try {
      Double.parseDouble(text);
      return true;
    } catch (NumberFormatException notNumeric) {
      return false;
    }
  }
}
