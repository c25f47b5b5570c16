package dev.diffsweep.pipeline.tune;

/** One row of a run's evaluations table, as the objective needs it. */
public record EvaluationPoint(long envStep, double returnMean) implements java.io.Serializable {}
