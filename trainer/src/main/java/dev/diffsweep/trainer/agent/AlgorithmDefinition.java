package dev.diffsweep.trainer.agent;

import java.util.Map;

/** One registry entry: a name, its hyperparameter record's defaults, and how to build it. */
public record AlgorithmDefinition<H extends Record>(
    String name, String summary, H defaults, AgentFactory<H> factory) {

  /** Applies {@code key=value} overrides to the defaults; bad keys or values throw. */
  public ConfiguredAlgorithm configure(Map<String, String> overrides) {
    H hyperparameters = Hyperparameters.bind(name, defaults, overrides);
    return new ConfiguredAlgorithm(
        name,
        Hyperparameters.describe(hyperparameters),
        Hyperparameters.idNeutralDefaults(defaults),
        (spec, context) -> factory.create(hyperparameters, spec, context));
  }
}
