package dev.diffsweep.trainer.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FusedKernelsTest {
  // Not a multiple of any vector width: the loop's remainder runs too.
  private static final int SIZE = 1003;

  @BeforeAll
  static void engine() {
    TorchRuntime.engine();
    GradientTape.stopRecordingOnThisThread();
  }

  private static float[] gaussians(Random random, double scale) {
    float[] values = new float[SIZE];
    for (int i = 0; i < SIZE; i++) {
      values[i] = (float) (random.nextGaussian() * scale);
    }
    return values;
  }

  @Test
  void adamStepMatchesAdamInDoublePrecisionAndZeroesTheGradient() {
    Random random = new Random(7);
    float[] w = gaussians(random, 1);
    float[] g = gaussians(random, 0.1);
    float[] m = gaussians(random, 0.01);
    float[] v = new float[SIZE];
    for (int i = 0; i < SIZE; i++) {
      v[i] = (float) Math.abs(random.nextGaussian() * 1e-4);
    }
    float scale = 0.5f;
    float beta1 = 0.9f;
    float beta2 = 0.999f;
    float stepSize = 3e-3f;
    float epsilon = 1e-8f;
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray weight = manager.create(w);
      NDArray gradient = manager.create(g);
      NDArray first = manager.create(m);
      NDArray second = manager.create(v);
      assertThat(FusedKernels.applies(weight, gradient, first, second)).isTrue();
      FusedKernels.adamStep(
          HostArrays.memory(weight),
          HostArrays.memory(gradient),
          HostArrays.memory(first),
          HostArrays.memory(second),
          SIZE,
          scale,
          beta1,
          beta2,
          stepSize,
          epsilon);
      float[] newWeight = weight.toFloatArray();
      float[] newFirst = first.toFloatArray();
      float[] newSecond = second.toFloatArray();
      for (int i = 0; i < SIZE; i++) {
        double scaled = (double) g[i] * scale;
        double expectedFirst = beta1 * (double) m[i] + (1 - (double) beta1) * scaled;
        double expectedSecond = beta2 * (double) v[i] + (1 - (double) beta2) * scaled * scaled;
        double expectedWeight =
            w[i] - stepSize * expectedFirst / (Math.sqrt(expectedSecond) + epsilon);
        assertThat((double) newFirst[i]).isCloseTo(expectedFirst, within(1e-7));
        assertThat((double) newSecond[i]).isCloseTo(expectedSecond, within(1e-9));
        assertThat((double) newWeight[i]).isCloseTo(expectedWeight, within(1e-5));
      }
      assertThat(gradient.toFloatArray()).containsOnly(0f);
    }
  }

  @Test
  void polyakAveragesTowardsTheSource() {
    Random random = new Random(8);
    float[] target = gaussians(random, 1);
    float[] source = gaussians(random, 1);
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray targetArray = manager.create(target);
      FusedKernels.polyak(targetArray, manager.create(source), 0.005f);
      float[] averaged = targetArray.toFloatArray();
      for (int i = 0; i < SIZE; i++) {
        assertThat((double) averaged[i])
            .isCloseTo(0.995 * target[i] + 0.005 * source[i], within(1e-6));
      }
    }
  }

  /** The optimiser's CPU path against the engine's Adam kernel, over several steps. */
  @Test
  void adamOptimizerAgreesWithTheEnginesAdamKernel() {
    Random random = new Random(9);
    float[] initial = gaussians(random, 1);
    try (NDManager manager = NDManager.newBaseManager()) {
      ParameterGroup fused = new ParameterGroup(manager);
      NDArray fusedWeight = fused.add("w", initial, new Shape(SIZE));
      AdamOptimizer optimizer = new AdamOptimizer(fused, 1e-3);
      NDArray engineWeight = manager.create(initial);
      NDArray first = manager.zeros(new Shape(SIZE));
      NDArray second = manager.zeros(new Shape(SIZE));
      for (int step = 1; step <= 5; step++) {
        float[] target = gaussians(random, 1);
        try (GradientTape tape = GradientTape.open()) {
          tape.backward(fusedWeight.sub(manager.create(target)).square().sum());
        }
        optimizer.step();
        double corrected = 1e-3 * Math.sqrt(1 - Math.pow(0.999, step)) / (1 - Math.pow(0.9, step));
        try (NDArray gradient = Scalars.multiply(engineWeight.sub(manager.create(target)), 2)) {
          engineWeight
              .getNDArrayInternal()
              .adamUpdate(
                  new NDList(engineWeight, gradient, first, second),
                  new NDList(engineWeight),
                  1e-3f,
                  (float) corrected,
                  0f,
                  1f,
                  -1f,
                  0.9f,
                  0.999f,
                  1e-8f,
                  false,
                  false);
        }
      }
      float[] expected = engineWeight.toFloatArray();
      float[] actual = fusedWeight.toFloatArray();
      for (int i = 0; i < SIZE; i++) {
        assertThat(actual[i]).isCloseTo(expected[i], within(1e-6f));
      }
      assertThat(actual).isNotEqualTo(initial);
    }
  }

  @Test
  void squaredSumIsTheDoublePrecisionSumOfSquares() {
    float[] values = gaussians(new Random(11), 3);
    double expected = 0;
    for (float value : values) {
      expected += (double) value * value;
    }
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray array = manager.create(values);
      assertThat(FusedKernels.squaredSum(array)).isCloseTo(expected, within(expected * 1e-14));
    }
  }

  @Test
  void gradientNormOfAGroupMatchesTorchsNormOfItsGradients() {
    try (NDManager manager = NDManager.newBaseManager()) {
      ParameterGroup group = new ParameterGroup(manager);
      NDArray weight = group.add("weight", gaussians(new Random(3), 1), new Shape(17, 59));
      NDArray bias = group.add("bias", new float[] {0.5f, -2f, 3f}, new Shape(3));
      try (GradientTape tape = GradientTape.open()) {
        tape.backward(weight.square().sum().add(bias.mul(bias).mul(bias).sum()));
      }
      // d/dw w^2 = 2w, d/db b^3 = 3b^2.
      double torch =
          weight.getGradient().square().sum().getFloat()
              + bias.getGradient().square().sum().getFloat();
      assertThat(group.gradientSquaredNorm()).isCloseTo(torch, within(torch * 1e-6));
      assertThat(bias.getGradient().toFloatArray()).containsExactly(0.75f, 12f, 27f);
    }
  }
}
