package dev.diffsweep.analysis.stats;

/**
 * How interval estimates are computed: {@code replicates} stratified-bootstrap resamples, a
 * percentile interval at {@code level}, reproducible from {@code seed}.
 */
public record BootstrapSettings(int replicates, double level, long seed) {
  public static final BootstrapSettings DEFAULT = new BootstrapSettings(2000, 0.95, 20211104L);

  public BootstrapSettings {
    if (replicates < 1) {
      throw new IllegalArgumentException("bootstrap replicates must be >= 1, got " + replicates);
    }
    if (!(level > 0 && level < 1)) {
      throw new IllegalArgumentException("confidence level must be in (0, 1), got " + level);
    }
  }

  /** Settings for one group of runs, with a seed derived from the group's name. */
  public BootstrapSettings forGroup(String group) {
    return new BootstrapSettings(replicates, level, seed * 31 + group.hashCode());
  }
}
