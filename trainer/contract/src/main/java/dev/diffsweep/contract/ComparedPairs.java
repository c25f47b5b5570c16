package dev.diffsweep.contract;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which agent each agent is compared against in a study's report. A study file may name its own
 * pairs ({@code compare = { diffsac = sac }}), for ablations against a tuned or different base;
 * without them the catalogue's pairs apply. The driver records the study's pairs in the study
 * folder ({@link #FILE_NAME}, one {@code variant = base} line each) and the analysis reads them
 * there.
 */
public final class ComparedPairs {
  public static final String FILE_NAME = "compare.conf";

  private ComparedPairs() {}

  /** The file's text for {@code pairs}. */
  public static String format(Map<String, String> pairs) {
    StringBuilder text = new StringBuilder();
    pairs.forEach((variant, base) -> text.append(variant).append(" = ").append(base).append('\n'));
    return text.toString();
  }

  /**
   * The pairs a recorded file names.
   *
   * @throws IllegalArgumentException naming the line that is not {@code variant = base}
   */
  public static Map<String, String> parse(String text) {
    Map<String, String> pairs = new LinkedHashMap<>();
    int number = 0;
    for (String line : text.split("\n", -1)) {
      number++;
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      String[] sides = trimmed.split("=", -1);
      if (sides.length != 2 || sides[0].isBlank() || sides[1].isBlank()) {
        throw new IllegalArgumentException(
            "line " + number + " is not 'variant = base': " + trimmed);
      }
      pairs.put(sides[0].strip(), sides[1].strip());
    }
    return pairs;
  }
}
