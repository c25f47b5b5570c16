package dev.diffsweep.analysis;

/**
 * Which report the analysis writes: the final one, or a live one while the study still runs (it
 * also draws the running trials' partial curves and reloads itself in the browser).
 */
public enum ReportMode {
  FINAL,
  LIVE
}
