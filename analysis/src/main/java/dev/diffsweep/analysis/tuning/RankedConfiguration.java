package dev.diffsweep.analysis.tuning;

import dev.diffsweep.analysis.stats.PointwiseEstimate;
import java.util.Optional;

/**
 * A completed configuration's place among the best: its rank (1 is best), the objective of each
 * seed's run and, from those, mean, median and IQM over seeds with bootstrap intervals (empty when
 * no seed's evaluations are committed).
 */
public record RankedConfiguration(
    int rank,
    TunedConfiguration configuration,
    double[] seedObjectives,
    Optional<PointwiseEstimate> overSeeds) {}
