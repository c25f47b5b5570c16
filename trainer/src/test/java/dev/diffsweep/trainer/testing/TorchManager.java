package dev.diffsweep.trainer.testing;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.diffsweep.trainer.nn.TorchRuntime;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fresh NDManager on the PyTorch engine for each test, closed after it, so that no test sees
 * another's arrays and none leaks native memory; register it as an instance field with
 * {@code @RegisterExtension}. The engine is loaded through {@link TorchRuntime} first, as every
 * entry point must, so that its settings are in place.
 */
public final class TorchManager implements BeforeEachCallback, AfterEachCallback {
  private NDManager manager;

  @Override
  public void beforeEach(ExtensionContext context) {
    TorchRuntime.engine();
    manager = NDManager.newBaseManager();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    manager.close();
  }

  /** The current test's manager. */
  public NDManager manager() {
    return manager;
  }

  /** A one-dimensional float32 array of {@code values}. */
  public NDArray vector(float... values) {
    return manager.create(values);
  }

  /** A float32 column, shape (n, 1): one value per batch row. */
  public NDArray column(float... values) {
    return manager.create(values, new Shape(values.length, 1));
  }

  /** A float64 array of shape (1, 1): one row of one dimension. */
  public NDArray oneByOne(double value) {
    return manager.create(new double[] {value}, new Shape(1, 1));
  }
}
