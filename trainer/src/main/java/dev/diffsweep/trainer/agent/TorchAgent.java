package dev.diffsweep.trainer.agent;

import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDManager;
import dev.diffsweep.trainer.nn.TorchRuntime;
import dev.diffsweep.trainer.state.RandomStream;
import dev.diffsweep.trainer.state.StatePart;

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
