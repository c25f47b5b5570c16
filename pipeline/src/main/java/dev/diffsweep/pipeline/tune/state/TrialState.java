package dev.diffsweep.pipeline.tune.state;

import java.util.Locale;

/** Where a tuning trial stands; the text is what the trials table's status column holds. */
public enum TrialState {
  QUEUED,
  RUNNING,
  COMPLETED,
  PRUNED,
  FAILED;

  /** Finished trials are never trained again. */
  public boolean isFinished() {
    return this == COMPLETED || this == PRUNED || this == FAILED;
  }

  public String text() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static TrialState parse(String text) {
    return valueOf(text.toUpperCase(Locale.ROOT));
  }
}
