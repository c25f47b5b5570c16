package dev.diffsweep.pipeline.tune;

import java.util.List;

/**
 * A {@code tune} block the tuner refuses, with every problem found in it, each as "key: what is
 * wrong (allowed: ...)" like the study loader's, so the loader can merge them into its own report.
 */
public final class TuneBlockException extends IllegalArgumentException {
  private final List<String> problems;

  public TuneBlockException(List<String> problems) {
    super(
        "invalid tune block:"
            + System.lineSeparator()
            + "  "
            + String.join(System.lineSeparator() + "  ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
