package dev.diffsweep.trainer.nn;

import ai.djl.engine.Engine;

/**
 * The PyTorch engine, loaded once per JVM with the project's settings. The settings must be in
 * place before DJL first touches the engine, so every entry point goes through here.
 */
public final class TorchRuntime {
  private static Engine engine;

  private TorchRuntime() {}

  public static synchronized Engine engine() {
    if (engine == null) {
      // conf/jvm.args sets these; programmatic callers (tests in an IDE, the pipeline's child
      // JVMs) get the same behaviour: never contact the network, one intra-op thread per trainer.
      setIfAbsent("ai.djl.offline", "true");
      setIfAbsent("ai.djl.pytorch.num_threads", "1");
      setIfAbsent("ai.djl.pytorch.num_interop_threads", "1");
      engine = Engine.getEngine("PyTorch");
    }
    return engine;
  }

  public static String torchVersion() {
    return engine().getVersion();
  }

  public static String djlVersion() {
    return Engine.getDjlVersion();
  }

  private static void setIfAbsent(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }
}
