package dev.diffsweep.pipeline.trial;

import java.io.Serializable;

/** One seed's run of a tuning configuration, to be trained up to a rung's budget. */
public record RungRun(Trial trial, long budget) implements Serializable {}
