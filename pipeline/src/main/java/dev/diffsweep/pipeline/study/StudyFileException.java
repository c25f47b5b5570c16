package dev.diffsweep.pipeline.study;

import java.util.List;

/**
 * A study file the pipeline refuses, with every problem found in it. It is the user's to fix, so it
 * is an {@link IllegalArgumentException}: the command line prints it as one clear message.
 */
public final class StudyFileException extends IllegalArgumentException {
  private final List<String> problems;

  public StudyFileException(String file, List<String> problems) {
    super(format(file, problems));
    this.problems = List.copyOf(problems);
  }

  /** Each problem as "key: what is wrong (allowed: ...)". */
  public List<String> problems() {
    return problems;
  }

  /** One line for one problem; a list of them, one a line, for several. */
  private static String format(String file, List<String> problems) {
    if (problems.size() == 1) {
      return "invalid study file " + file + ": " + problems.get(0);
    }
    StringBuilder message = new StringBuilder("invalid study file " + file + ":");
    for (String problem : problems) {
      message.append(System.lineSeparator()).append("  ").append(problem);
    }
    return message.toString();
  }
}
