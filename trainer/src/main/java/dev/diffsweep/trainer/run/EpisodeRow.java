package dev.diffsweep.trainer.run;

/** One row of the episodes table (docs/TABLES.md). */
public record EpisodeRow(
    String trialId,
    long episode,
    long envStep,
    double episodeReturn,
    int length,
    boolean terminated,
    boolean truncated,
    double wallTimeS) {}
