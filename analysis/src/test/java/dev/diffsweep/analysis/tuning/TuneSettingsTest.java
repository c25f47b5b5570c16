package dev.diffsweep.analysis.tuning;

import static org.assertj.core.api.Assertions.assertThat;

import dev.diffsweep.contract.Direction;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TuneSettingsTest {
  @Test
  void readsTheTuneBlockThePipelineRecordsInStudyConf() {
    String studyConf =
        "name = t\nseeds = [0, 1]\ntune = {\"direction\":\"minimize\","
            + "\"objective\":{\"last-fraction\":0.25},\"space\":{"
            + "\"batch_size\":{\"choices\":[64,128],\"type\":\"categorical\"},"
            + "\"diffusion_steps\":{\"high\":8,\"low\":2,\"step\":2,\"type\":\"int\"},"
            + "\"policy_lr\":{\"high\":0.003,\"log\":true,\"low\":1.0E-4,\"type\":\"float\"}}}\n";

    TuneSettings settings = TuneSettings.fromStudyConf(Optional.of(studyConf));

    assertThat(settings.recorded()).isTrue();
    assertThat(settings.direction()).isEqualTo(Direction.MINIMIZE);
    assertThat(settings.objectiveLastFraction()).isEqualTo(0.25);
    assertThat(settings.scales())
        .isEqualTo(
            Map.of(
                "batch_size", ParameterScale.CATEGORICAL,
                "diffusion_steps", ParameterScale.LINEAR,
                "policy_lr", ParameterScale.LOG));
  }

  @Test
  void aStudyConfWithoutATuneBlockGetsTheTunersDefaults() {
    TuneSettings settings = TuneSettings.fromStudyConf(Optional.of("name = grid\n"));

    assertThat(settings.recorded()).isFalse();
    assertThat(settings.direction()).isEqualTo(Direction.MAXIMIZE);
    assertThat(settings.objectiveLastFraction()).isEqualTo(0.1);
  }
}
