package dev.diffsweep.trainer.env;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BadInputTest {

  @Test
  void anActionOfTheWrongLengthIsRefusedAndTheEpisodeGoesOn() {
    try (Task task = TaskRegistry.create("Hopper-v4")) {
      task.reset(1);
      assertThatThrownBy(() -> task.step(new double[2]))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("Hopper-v4 expects an action of length 3, got 2");
      assertThat(task.step(new double[3]).observation()).hasSize(11);
    }
  }

  @Test
  void aNanOrInfiniteActionIsRefusedBeforeItReachesThePhysics() {
    try (Task task = TaskRegistry.create("HalfCheetah-v4")) {
      double[] first = task.reset(1);
      assertThatThrownBy(() -> task.step(new double[] {0, 0, Double.NaN, 0, 0, 0}))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("non-finite")
          .hasMessageContaining("element 2 is NaN");
      assertThatThrownBy(() -> task.step(new double[] {Double.NEGATIVE_INFINITY, 0, 0, 0, 0, 0}))
          .hasMessageContaining("element 0 is -Infinity");
      // The refused actions left the state untouched: the same step as from a fresh reset.
      StepResult afterRefusals = task.step(new double[6]);
      try (Task fresh = TaskRegistry.create("HalfCheetah-v4")) {
        assertThat(fresh.reset(1)).containsExactly(first);
        assertThat(fresh.step(new double[6]).observation())
            .containsExactly(afterRefusals.observation());
      }
    }
  }

  @Test
  void anUnknownTaskIdListsTheKnownOnes() {
    assertThatThrownBy(() -> TaskRegistry.create("HalfCheetah-v5"))
        .isInstanceOf(UnknownTaskException.class)
        .hasMessageContaining("unknown task 'HalfCheetah-v5'")
        .hasMessageContaining("HalfCheetah-v4")
        .hasMessageContaining("Humanoid-v4");
  }

  @Test
  void steppingBeforeResetIsRefused() {
    try (Task task = TaskRegistry.create("Swimmer-v4")) {
      assertThatThrownBy(() -> task.step(new double[2]))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("call reset");
    }
  }
}
