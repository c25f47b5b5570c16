package dev.diffsweep.trainer.run;

/**
 * One row of the episodes table (docs/TABLES.md): its components are the contract's columns in file
 * order ({@link RecordRows} checks).
 */
public record EpisodeRow(
    String trialId,
    long episode,
    long envStep,
    double episodeReturn,
    int length,
    boolean terminated,
    boolean truncated,
    double wallTimeS) {}
