package dev.diffsweep.trainer.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.diffsweep.contract.AlgorithmCatalogue;
import dev.diffsweep.trainer.agent.registry.AlgorithmRegistry;
import org.junit.jupiter.api.Test;

class AlgorithmCatalogueTest {
  @Test
  void theTrainerTrainsExactlyTheCataloguesAlgorithms() {
    assertThat(AlgorithmRegistry.names()).isEqualTo(AlgorithmCatalogue.names());
  }

  @Test
  void everyBaseIsAnAlgorithmTheTrainerTrains() {
    assertThat(AlgorithmCatalogue.defaultPairs())
        .containsEntry("diffsac", "sac")
        .containsEntry("diffppo", "ppo")
        .containsEntry("diffwpo", "wpo")
        .hasSize(3);
    AlgorithmCatalogue.defaultPairs().values().forEach(AlgorithmRegistry::get);
  }
}
