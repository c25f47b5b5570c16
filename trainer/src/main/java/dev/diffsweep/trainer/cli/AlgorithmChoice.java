package dev.diffsweep.trainer.cli;

import dev.diffsweep.trainer.agent.ConfiguredAlgorithm;
import dev.diffsweep.trainer.agent.registry.AlgorithmRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The algorithm a command trains or measures and its hyperparameter changes: {@code --algo} and
 * {@code --set}, the same for {@code train} and {@code bench update} so that a benchmarked
 * configuration is typed as it is trained.
 */
final class AlgorithmChoice {
  @Option(
      names = "--algo",
      required = true,
      description = "Algorithm: sac, diffsac, ppo, diffppo, wpo, diffwpo.")
  String algorithm;

  @Option(
      names = "--set",
      description = "Hyperparameter key=value (repeatable); a wrong key lists the allowed ones.")
  Map<String, String> overrides = new LinkedHashMap<>();

  /**
   * The chosen algorithm with the changes applied.
   *
   * @throws IllegalArgumentException naming the known algorithms or the allowed keys
   */
  ConfiguredAlgorithm configure() {
    return AlgorithmRegistry.get(algorithm).configure(overrides);
  }
}
