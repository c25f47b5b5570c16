package dev.diffsweep.trainer.env;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** cfrc_ext is only filled by mj_rnePostConstraint, which the tasks run after every step. */
class ContactForcesTest {

  private static double largestMagnitude(double[] values) {
    return Arrays.stream(values).map(Math::abs).max().orElse(0);
  }

  @Test
  void antFeetPushOnTheFloorOnceItHasLanded() {
    try (Ant task = new Ant()) {
      task.reset(1);
      assertThat(largestMagnitude(task.contactForces()))
          .as("nothing touches at reset, and mj_forward alone does not fill cfrc_ext")
          .isZero();
      for (int t = 0; t < 20; t++) {
        task.step(new double[8]);
      }
      assertThat(largestMagnitude(task.contactForces())).isGreaterThan(0.1);
      assertThat(task.contactCost()).isPositive();
    }
  }

  @Test
  void humanoidObservationCarriesContactForcesWhileStanding() {
    try (Humanoid task = new Humanoid()) {
      task.reset(2);
      double[] observation = null;
      // It starts a little above the floor and lands within a few dozen steps.
      for (int t = 0; t < 25; t++) {
        observation = task.step(new double[17]).observation();
      }
      // The last 84 entries are cfrc_ext of the 14 bodies; the feet touch the floor.
      double[] contact = Arrays.copyOfRange(observation, 376 - 84, 376);
      assertThat(largestMagnitude(contact)).isGreaterThan(1.0);
      assertThat(contact).containsExactly(task.contactForces());
    }
  }
}
