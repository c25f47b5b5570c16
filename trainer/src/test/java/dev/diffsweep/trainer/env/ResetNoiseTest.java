package dev.diffsweep.trainer.env;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Reset noise stays in Gymnasium's ranges and really varies across seeds. */
class ResetNoiseTest {
  private static final int SEEDS = 200;

  /**
   * Task, qpos noise bound, qvel noise bound (infinite: Gaussian velocities), and whether qpos
   * starts with a free joint, whose quaternion (qpos[3:7]) mj_forward normalises after the noise is
   * added, as it does in Gymnasium.
   */
  static Stream<Arguments> uniformNoise() {
    return Stream.of(
        Arguments.of((Supplier<MujocoTask>) Hopper::new, 5e-3, 5e-3, false),
        Arguments.of((Supplier<MujocoTask>) Walker2d::new, 5e-3, 5e-3, false),
        Arguments.of((Supplier<MujocoTask>) Humanoid::new, 1e-2, 1e-2, true),
        Arguments.of((Supplier<MujocoTask>) InvertedPendulum::new, 0.01, 0.01, false),
        Arguments.of((Supplier<MujocoTask>) HalfCheetah::new, 0.1, Double.POSITIVE_INFINITY, false),
        Arguments.of((Supplier<MujocoTask>) Ant::new, 0.1, Double.POSITIVE_INFINITY, true));
  }

  @ParameterizedTest
  @MethodSource("uniformNoise")
  void initialStatesStayWithinTheNoiseBoundsAroundTheReferencePose(
      Supplier<MujocoTask> factory, double qposBound, double qvelBound, boolean freeJoint) {
    try (MujocoTask task = factory.get()) {
      double[] reference = task.simulation().initialQpos();
      double largestQposOffset = 0;
      double velocitySquares = 0;
      int velocityCount = 0;
      for (int seed = 0; seed < SEEDS; seed++) {
        task.reset(seed);
        double[] qpos = task.positions();
        if (freeJoint) {
          double norm =
              Math.sqrt(
                  qpos[3] * qpos[3] + qpos[4] * qpos[4] + qpos[5] * qpos[5] + qpos[6] * qpos[6]);
          assertThat(norm).isCloseTo(1.0, within(1e-12));
        }
        for (int i = 0; i < qpos.length; i++) {
          if (freeJoint && i >= 3 && i < 7) {
            continue;
          }
          double offset = qpos[i] - reference[i];
          assertThat(Math.abs(offset)).isLessThanOrEqualTo(qposBound);
          largestQposOffset = Math.max(largestQposOffset, Math.abs(offset));
        }
        for (double v : task.velocities()) {
          assertThat(Math.abs(v)).isLessThanOrEqualTo(qvelBound);
          velocitySquares += v * v;
          velocityCount++;
        }
      }
      // The noise uses its range, not a sliver of it.
      assertThat(largestQposOffset).isGreaterThan(0.9 * qposBound);
      double velocitySpread = Math.sqrt(velocitySquares / velocityCount);
      if (Double.isInfinite(qvelBound)) {
        // 0.1 · N(0, 1): a standard deviation of about 0.1.
        assertThat(velocitySpread).isBetween(0.09, 0.11);
      } else {
        // U(-b, b): a standard deviation of b / sqrt(3).
        assertThat(velocitySpread)
            .isBetween(0.9 * qvelBound / Math.sqrt(3), 1.1 * qvelBound / Math.sqrt(3));
      }
    }
  }
}
