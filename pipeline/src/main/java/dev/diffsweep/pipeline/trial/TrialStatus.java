package dev.diffsweep.pipeline.trial;

/** A trial's state in the trials table; the lower-case name is what the table stores. */
public enum TrialStatus {
  QUEUED,
  RUNNING,
  COMPLETED,
  FAILED;

  public String tableName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  public static TrialStatus fromTableName(String name) {
    return valueOf(name.toUpperCase(java.util.Locale.ROOT));
  }
}
