package dev.diffsweep.trainer.agent;

import dev.diffsweep.trainer.state.StateReader;
import dev.diffsweep.trainer.state.StateWriter;
import java.io.IOException;

/**
 * What the run loop drives: an agent acts, is told what happened, and trains when its own schedule
 * says so (off-policy agents after every step, on-policy agents when a rollout is full). Actions
 * are raw, in the task's actuator range.
 */
public interface Agent extends AutoCloseable {

  /** An exploration action (may be random, e.g. before learning starts). */
  double[] act(double[] observation);

  /** The agent's deterministic action, for evaluation. */
  double[] actDeterministic(double[] observation);

  /** Records a step; may run gradient updates. */
  void observe(Transition transition);

  TrainingDiagnostics diagnostics();

  /** Everything needed to continue bit-for-bit: networks, optimisers, buffers, RNG, counters. */
  void write(StateWriter out) throws IOException;

  void read(StateReader in) throws IOException;

  @Override
  void close();
}
