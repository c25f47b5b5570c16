package dev.diffsweep.pipeline.study;

import java.io.Serializable;

/** Deterministic evaluation every {@code everySteps} env steps, over {@code episodes} episodes. */
public record EvaluationSchedule(long everySteps, int episodes) implements Serializable {}
