package dev.diffsweep.trainer.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.diffsweep.trainer.agent.registry.AlgorithmRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HyperparametersTest {
  private static final Path GOLDEN =
      Path.of("src", "test", "resources", "golden", "hyperparameters.txt");

  /**
   * Every algorithm's keys with type and default, in order, and every key's value as run.json
   * records it: written by the code before the records were composed ({@code -Dgolden.update}
   * rewrites it).
   */
  @Test
  void everyKeyTypeAndDefaultIsAsBefore() throws IOException {
    StringBuilder text = new StringBuilder();
    for (String name : AlgorithmRegistry.names()) {
      Record defaults = AlgorithmRegistry.get(name).defaults();
      text.append(name).append(": ").append(Hyperparameters.allowed(defaults)).append('\n');
      text.append(name)
          .append(" resolved: ")
          .append(AlgorithmRegistry.get(name).configure(Map.of()).hyperparameters())
          .append('\n');
    }
    if (System.getProperty("golden.update") != null) {
      Files.writeString(GOLDEN, text.toString(), StandardCharsets.UTF_8);
    }
    assertThat(text.toString()).isEqualTo(Files.readString(GOLDEN, StandardCharsets.UTF_8));
  }

  @Test
  void anUnknownKeyListsEveryKeyWithItsTypeAndDefault() {
    AlgorithmDefinition<?> diffsac = AlgorithmRegistry.get("diffsac");
    assertThatThrownBy(() -> diffsac.configure(Map.of("nosuchkey", "1")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("unknown hyperparameter 'nosuchkey' for diffsac; allowed: ")
        .hasMessageContaining("buffer_size (int, default 1000000)")
        .hasMessageContaining("time_features (int, default 16)");
  }

  @Test
  void everyKeyOfEveryAlgorithmCanBeSetAndReadsBackAsSet() {
    for (String name : AlgorithmRegistry.names()) {
      AlgorithmDefinition<?> definition = AlgorithmRegistry.get(name);
      Map<String, String> defaults = definition.configure(Map.of()).hyperparameters();
      // Setting each key to its own default, written as text, gives the same resolution.
      assertThat(definition.configure(defaults).hyperparameters()).isEqualTo(defaults);
    }
  }

  @Test
  void aBadValueNamesTheKey() {
    assertThatThrownBy(() -> AlgorithmRegistry.get("diffppo").configure(Map.of("gamma", "2")))
        .hasMessageContaining("gamma");
    assertThatThrownBy(
            () -> AlgorithmRegistry.get("diffwpo").configure(Map.of("denoiser_layers", "9")))
        .hasMessageContaining("denoiser_layers must be in 1..4, got 9");
    assertThatThrownBy(
            () ->
                AlgorithmRegistry.get("diffwpo")
                    .configure(Map.of("diffusion_steps", "1", "last_step_denoiser", "true")))
        .hasMessageContaining("last_step_denoiser needs diffusion_steps >= 2");
    assertThatThrownBy(() -> AlgorithmRegistry.get("sac").configure(Map.of("batch_size", "x")))
        .hasMessage("hyperparameter 'batch_size' wants a whole number, got 'x'");
  }

  record Inner(@Default("1") int shared, @Default("0.5") double rate) {}

  record Outer(@Defaults("rate=0.25") Inner inner, @Default("x") String label) {}

  record Twice(Inner inner, @Default("2") int shared) {}

  @Test
  void aNestedRecordsKeysStandInItsPlaceWithTheOuterRecordsDefaults() {
    Outer defaults = Hyperparameters.defaults(Outer.class);
    assertThat(Hyperparameters.describe(defaults))
        .containsExactly(
            Map.entry("shared", "1"), Map.entry("rate", "0.25"), Map.entry("label", "x"));
    Outer bound = Hyperparameters.bind("test", defaults, Map.of("rate", "2", "label", "y"));
    assertThat(bound).isEqualTo(new Outer(new Inner(1, 2.0), "y"));
  }

  @Test
  void aKeyTwoComponentsWouldGiveIsRefused() {
    assertThatThrownBy(() -> Hyperparameters.defaults(Twice.class))
        .hasMessageContaining("key shared twice");
  }
}
