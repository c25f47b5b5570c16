package dev.diffsweep.trainer.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Records operations for one backward pass. DJL's PyTorch engine allows a single open
 * GradientCollector per JVM (a static flag); a second one throws. Every gradient computation in
 * diffsweep goes through this class, which serialises them on one JVM-wide lock: two agents in one
 * JVM then take turns instead of failing or corrupting each other (their parameters are separate,
 * and each optimiser zeroes its own gradients after its step).
 */
public final class GradientTape implements AutoCloseable {
  private static final ReentrantLock LOCK = new ReentrantLock(true);

  private final GradientCollector collector;

  private GradientTape(GradientCollector collector) {
    this.collector = collector;
  }

  public static GradientTape open() {
    LOCK.lock();
    try {
      return new GradientTape(TorchRuntime.engine().newGradientCollector());
    } catch (RuntimeException e) {
      LOCK.unlock();
      throw e;
    }
  }

  /**
   * Stops torch from recording operations on the calling thread. Torch's grad mode is per thread
   * and on by default in every thread but the one where DJL started the engine: without this, work
   * meant to be constant (critic targets, acting) would record graphs on other threads, and
   * gradients would leak through the targets. Call it before any work outside a tape.
   */
  public static void stopRecordingOnThisThread() {
    JniUtils.setGradMode(false);
  }

  /** Accumulates d(loss)/d(parameter) into every trainable parameter the loss depends on. */
  public void backward(NDArray loss) {
    collector.backward(loss);
  }

  @Override
  public void close() {
    try {
      collector.close();
    } finally {
      LOCK.unlock();
    }
  }
}
