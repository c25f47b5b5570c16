package dev.diffsweep.analysis.stats;

import java.util.Map;

/**
 * Maps a task's returns onto a common scale so scores can be aggregated across tasks. Min-max (the
 * default) uses the lowest and highest evaluation return seen on the task in the study, so 0 is the
 * worst and 1 the best any run reached.
 */
public interface ScoreNormalization {
  double normalize(String task, double score);

  /** How the analysis normalises; chosen on the command line. */
  enum Kind {
    MIN_MAX,
    NONE
  }

  /** A task's score range. */
  record Range(double min, double max) {}

  static ScoreNormalization of(Kind kind, Map<String, Range> rangeByTask) {
    return switch (kind) {
      case NONE -> (task, score) -> score;
      case MIN_MAX ->
          (task, score) -> {
            Range range = rangeByTask.get(task);
            double width = range.max() - range.min();
            return width > 0 ? (score - range.min()) / width : 0.0;
          };
    };
  }
}
