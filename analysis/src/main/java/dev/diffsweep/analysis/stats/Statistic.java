package dev.diffsweep.analysis.stats;

/** The across-run statistics reported for every curve point and summary score. */
public enum Statistic {
  MEAN,
  MEDIAN,
  IQM;

  /** Column-name prefix, e.g. {@code iqm} for {@code iqm_ci_low}. */
  public String columnName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
