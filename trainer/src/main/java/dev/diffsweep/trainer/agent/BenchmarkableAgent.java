package dev.diffsweep.trainer.agent;

/** An agent whose gradient update can be timed on its own (bench update). */
public interface BenchmarkableAgent extends Agent {

  /** Fills whatever the update reads (a replay buffer, a rollout) with random data. */
  void prepareForBenchmark();

  /** One env step's worth of gradient updates, as training would run it at {@code globalStep}. */
  void benchmarkUpdate(long globalStep);

  /** Floating-point operations of one such update, counted from the network shapes. */
  long flopsPerUpdate();

  /**
   * Native arrays held by the agent's long-lived manager: constant over a run, or the update leaks
   * an array (and its memory) per call.
   */
  int longLivedArrayCount();
}
