package dev.diffsweep.trainer.agent;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every algorithm diffsweep can train, by name. A new algorithm is one line here. */
public final class AlgorithmRegistry {
  private static final Map<String, AlgorithmDefinition<?>> ALGORITHMS = new LinkedHashMap<>();

  static {
    register(
        new AlgorithmDefinition<>(
            "sac",
            "soft actor-critic with a tanh-Gaussian actor (CleanRL defaults)",
            SacHyperparameters.defaults(),
            Sac::create));
    register(
        new AlgorithmDefinition<>(
            "diffsac",
            "soft actor-critic with the K-step diffusion policy",
            DiffSacHyperparameters.defaults(),
            DiffSac::create));
  }

  private AlgorithmRegistry() {}

  private static void register(AlgorithmDefinition<?> definition) {
    ALGORITHMS.put(definition.name(), definition);
  }

  public static List<String> names() {
    return List.copyOf(ALGORITHMS.keySet());
  }

  /**
   * @throws IllegalArgumentException naming the known algorithms
   */
  public static AlgorithmDefinition<?> get(String name) {
    AlgorithmDefinition<?> definition = ALGORITHMS.get(name);
    if (definition == null) {
      throw new IllegalArgumentException(
          "unknown algorithm '" + name + "'; known algorithms: " + String.join(", ", names()));
    }
    return definition;
  }
}
