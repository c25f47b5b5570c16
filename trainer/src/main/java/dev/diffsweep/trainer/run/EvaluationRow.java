package dev.diffsweep.trainer.run;

/**
 * One row of the evaluations table (docs/TABLES.md): its components are the contract's columns in
 * file order ({@link RecordRows} checks).
 */
public record EvaluationRow(
    String trialId,
    long envStep,
    double returnMean,
    double returnStd,
    int episodes,
    double actorLoss,
    double criticLoss,
    double alpha,
    double entropy,
    double stepsPerS,
    double wallTimeS) {}
