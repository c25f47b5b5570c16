package dev.diffsweep.trainer.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.diffsweep.contract.Tables;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.junit.jupiter.api.Test;

class RecordRowsTest {
  private record TrialAndEpisodeOnly(String trialId, long episode) {}

  private record EpisodeWithIntSteps(
      String trialId,
      long episode,
      int envStep,
      double episodeReturn,
      int length,
      boolean terminated,
      boolean truncated,
      double wallTimeS) {}

  @Test
  void fillsEachComponentIntoTheContractsColumnOfItsPosition() {
    Group group =
        new RecordRows<>(EpisodeRow.class, Tables.EPISODES)
            .fill(
                new SimpleGroupFactory(MetricsTables.EPISODES).newGroup(),
                new EpisodeRow("t1", 7, 5000, -12.5, 1000, false, true, 3.25));

    assertThat(group.getString("trial_id", 0)).isEqualTo("t1");
    assertThat(group.getLong("episode", 0)).isEqualTo(7);
    assertThat(group.getLong("env_step", 0)).isEqualTo(5000);
    assertThat(group.getDouble("return", 0)).isEqualTo(-12.5);
    assertThat(group.getInteger("length", 0)).isEqualTo(1000);
    assertThat(group.getBoolean("terminated", 0)).isFalse();
    assertThat(group.getBoolean("truncated", 0)).isTrue();
    assertThat(group.getDouble("wall_time_s", 0)).isEqualTo(3.25);
  }

  @Test
  void refusesARecordWithColumnsMissing() {
    assertThatThrownBy(() -> new RecordRows<>(TrialAndEpisodeOnly.class, Tables.EPISODES))
        .hasMessage("TrialAndEpisodeOnly has 2 components, table episodes 8 columns");
  }

  @Test
  void refusesAComponentOfAnotherTypeThanItsColumn() {
    assertThatThrownBy(() -> new RecordRows<>(EpisodeWithIntSteps.class, Tables.EPISODES))
        .hasMessage("EpisodeWithIntSteps.envStep is int, column episodes.env_step is int64");
  }
}
