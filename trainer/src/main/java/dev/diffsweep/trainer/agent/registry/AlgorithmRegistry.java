package dev.diffsweep.trainer.agent.registry;

import dev.diffsweep.contract.AlgorithmCatalogue;
import dev.diffsweep.trainer.agent.AlgorithmDefinition;
import dev.diffsweep.trainer.agent.ppo.DiffPpo;
import dev.diffsweep.trainer.agent.ppo.DiffPpoHyperparameters;
import dev.diffsweep.trainer.agent.ppo.Ppo;
import dev.diffsweep.trainer.agent.ppo.PpoHyperparameters;
import dev.diffsweep.trainer.agent.sac.DiffSac;
import dev.diffsweep.trainer.agent.sac.DiffSacHyperparameters;
import dev.diffsweep.trainer.agent.sac.Sac;
import dev.diffsweep.trainer.agent.sac.SacHyperparameters;
import dev.diffsweep.trainer.agent.wpo.DiffWpo;
import dev.diffsweep.trainer.agent.wpo.DiffWpoHyperparameters;
import dev.diffsweep.trainer.agent.wpo.Wpo;
import dev.diffsweep.trainer.agent.wpo.WpoHyperparameters;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every algorithm diffsweep can train, by name. A new algorithm is one entry here and one in the
 * contract's {@link AlgorithmCatalogue} (its name, and for a diffusion variant its base).
 */
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
    register(
        new AlgorithmDefinition<>(
            "ppo",
            "proximal policy optimisation with a Gaussian actor (CleanRL defaults)",
            PpoHyperparameters.defaults(),
            Ppo::create));
    register(
        new AlgorithmDefinition<>(
            "diffppo",
            "PPO on the diffusion-augmented MDP of the K-step diffusion policy",
            DiffPpoHyperparameters.defaults(),
            DiffPpo::create));
    register(
        new AlgorithmDefinition<>(
            "wpo",
            "Wasserstein policy optimisation, Gaussian actor, off-policy twin critics",
            WpoHyperparameters.defaults(),
            Wpo::create));
    register(
        new AlgorithmDefinition<>(
            "diffwpo",
            "WPO on the diffusion-augmented MDP with the critic Q(s, x_k, k, x_k+1)",
            DiffWpoHyperparameters.defaults(),
            DiffWpo::create));
    if (!names().equals(AlgorithmCatalogue.names())) {
      throw new IllegalStateException(
          "the trainer's algorithms "
              + names()
              + " must be the contract's catalogue "
              + AlgorithmCatalogue.names()
              + ": the analysis pairs and names agents by it");
    }
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
