package dev.diffsweep.analysis.summary;

/** A task's common env-step grid and the range of evaluation returns seen on it. */
public record TaskGrid(String task, long[] steps, double minReturn, double maxReturn) {}
