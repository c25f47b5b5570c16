package dev.diffsweep.trainer.agent;

/** One environment step as an agent sees it; {@code action} is what the environment received. */
public record Transition(
    double[] observation,
    double[] action,
    double reward,
    double[] nextObservation,
    boolean terminated,
    boolean truncated) {}
