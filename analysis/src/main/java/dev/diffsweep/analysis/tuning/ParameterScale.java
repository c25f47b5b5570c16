package dev.diffsweep.analysis.tuning;

/** How a tuned parameter's values are laid out on a plot axis. */
public enum ParameterScale {
  /** Numbers on a linear axis. */
  LINEAR,
  /** Numbers the tuner sampled on a log scale: a log axis spreads them as the sampler did. */
  LOG,
  /** Choices, one axis position each, in their sorted order. */
  CATEGORICAL
}
