package dev.diffsweep.trainer.agent;

import dev.diffsweep.trainer.state.StateReader;
import dev.diffsweep.trainer.state.StateWriter;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * What the run loop drives: an agent acts on {@link #envCopies} copies of the environment, stepped
 * together as one vector, is told what happened, and trains when its own schedule says so
 * (off-policy agents after every step, on-policy agents when a rollout is full). Actions are raw,
 * in the task's actuator range.
 */
public interface Agent extends AutoCloseable {

  /** How many copies of the environment the agent trains on (PPO's num_envs; 1 for most). */
  default int envCopies() {
    return 1;
  }

  /**
   * Exploration actions for one vector step, row i for copy i's observation (may be random, e.g.
   * before learning starts).
   */
  double[][] act(double[][] observations);

  /** The agent's deterministic action, for evaluation. */
  double[] actDeterministic(double[] observation);

  /** Records one vector step, element i copy i's; may run gradient updates. */
  void observe(List<Transition> transitions);

  TrainingDiagnostics diagnostics();

  /**
   * Everything needed to continue bit-for-bit (networks, optimisers, buffers, RNG, counters), as
   * one ordered list of parts that {@link #write} and {@link #read} both walk.
   */
  AgentState state();

  default void write(StateWriter out) throws IOException {
    state().write(out);
  }

  default void read(StateReader in) throws IOException {
    state().read(in);
  }

  /**
   * The agent's replay buffer, whose rows a checkpoint writes as append-only segments beside what
   * {@link #write} writes; empty for an agent without one.
   */
  default Optional<ReplayBuffer> replayBuffer() {
    return Optional.empty();
  }

  /**
   * Native arrays held by the agent's long-lived manager. Everything an update or an action creates
   * lives in a per-call sub-manager, so this stays constant over a run; one more per call is a leak
   * that grows with the run (tests check it).
   */
  int longLivedArrayCount();

  @Override
  void close();
}
