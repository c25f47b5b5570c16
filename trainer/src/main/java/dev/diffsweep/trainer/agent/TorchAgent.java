package dev.diffsweep.trainer.agent;

import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.diffsweep.trainer.nn.GradientTape;
import dev.diffsweep.trainer.nn.HostArrays;
import dev.diffsweep.trainer.nn.TorchRuntime;
import dev.diffsweep.trainer.state.RandomStream;
import dev.diffsweep.trainer.state.StatePart;
import java.util.function.UnaryOperator;

/**
 * What every agent holds the same way: its name, the long-lived manager its networks, optimisers
 * and buffers live on (closed with the agent), its random stream and its latest diagnostics. An
 * agent builds its networks on {@link #manager} and lists its checkpoint parts in {@link #state}.
 */
public abstract class TorchAgent implements Agent {
  protected final String name;
  protected final NDManager manager;
  protected final RandomStream random;
  protected TrainingDiagnostics diagnostics = TrainingDiagnostics.NONE;

  protected TorchAgent(String name, AgentContext context) {
    TorchRuntime.engine();
    this.name = name;
    this.manager = NDManager.newBaseManager(context.device(), "PyTorch");
    this.random = new RandomStream(context.seed());
  }

  @Override
  public TrainingDiagnostics diagnostics() {
    return diagnostics;
  }

  /**
   * The action {@code policy} takes deterministically in {@code observation}, computed outside any
   * gradient record on a manager closed with the call.
   */
  protected double[] deterministicAction(float[] observation, UnaryOperator<NDArray> policy) {
    GradientTape.stopRecordingOnThisThread();
    try (NDManager scope = manager.newSubManager()) {
      NDArray row = HostArrays.floats(scope, observation, new Shape(1, observation.length));
      return HostArrays.toDoubles(policy.apply(row));
    }
  }

  /** The checkpoint part that saves and restores {@link #diagnostics}. */
  protected StatePart diagnosticsPart() {
    return TrainingDiagnostics.part(() -> diagnostics, restored -> diagnostics = restored);
  }

  @Override
  public int longLivedArrayCount() {
    return ((BaseNDManager) manager).getManagedArrays().size();
  }

  @Override
  public void close() {
    manager.close();
  }
}
