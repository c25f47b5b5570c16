package dev.diffsweep.pipeline.study;

import dev.diffsweep.trainer.agent.AlgorithmRegistry;
import java.util.List;

/** The algorithms a study may name: exactly those of the trainer's agent registry. */
public final class KnownAlgorithms {
  private KnownAlgorithms() {}

  public static List<String> ids() {
    return AlgorithmRegistry.names();
  }
}
