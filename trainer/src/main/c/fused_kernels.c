// Fused optimiser kernels for dev.diffsweep.trainer.nn.FusedKernels.
//
// DJL's Adam runs about a dozen torch operations per parameter array, each a full pass over
// memory (a clone of the gradient, a weight-decay add even at zero decay, the moment updates, a
// square root, a division, ...), and a Polyak average costs three passes. Both are memory-bound,
// so one pass that reads every array once and writes it once is several times faster. The arrays
// are torch's own CPU memory, reached through direct ByteBuffers without copying.
//
// Built with -ffp-contract=off: every multiply and add rounds as written, so a run does not depend
// on whether the compiler fused them. And with -fno-math-errno, without which GCC will not
// vectorise sqrtf (v >= 0 here, so errno would never be set anyway).

#include <jni.h>
#include <math.h>
#include <stdint.h>

#include "dev_diffsweep_trainer_nn_FusedKernels.h"

static float *floats(JNIEnv *env, jobject buffer) {
  return (float *)(*env)->GetDirectBufferAddress(env, buffer);
}

JNIEXPORT void JNICALL Java_dev_diffsweep_trainer_nn_FusedKernels_adamStep(
    JNIEnv *env, jclass cls, jobject weight_buffer, jobject gradient_buffer, jobject first_buffer,
    jobject second_buffer, jlong count, jfloat gradient_scale, jfloat beta1, jfloat beta2,
    jfloat step_size, jfloat epsilon) {
  float *restrict weight = floats(env, weight_buffer);
  float *restrict gradient = floats(env, gradient_buffer);
  float *restrict first = floats(env, first_buffer);
  float *restrict second = floats(env, second_buffer);
  const float keep1 = 1.0f - beta1;
  const float keep2 = 1.0f - beta2;
  for (int64_t i = 0; i < count; i++) {
    float g = gradient[i] * gradient_scale;
    float m = beta1 * first[i] + keep1 * g;
    float v = beta2 * second[i] + keep2 * (g * g);
    first[i] = m;
    second[i] = v;
    weight[i] -= step_size * m / (sqrtf(v) + epsilon);
    // Zeroed for the next backward pass, which accumulates into it.
    gradient[i] = 0.0f;
  }
}

JNIEXPORT void JNICALL Java_dev_diffsweep_trainer_nn_FusedKernels_polyak(
    JNIEnv *env, jclass cls, jobject target_buffer, jobject source_buffer, jlong count,
    jfloat tau) {
  float *restrict target = floats(env, target_buffer);
  const float *restrict source = floats(env, source_buffer);
  const float keep = 1.0f - tau;
  for (int64_t i = 0; i < count; i++) {
    target[i] = keep * target[i] + tau * source[i];
  }
}

// Sum of squares in double precision, for the global gradient norm of PPO's clipping: torch needs
// four calls and a sync per array (square, sum, read back, free) where this reads the memory once.
// Eight independent partial sums keep the additions pipelined without letting the compiler
// reassociate, so the result does not depend on how it vectorises.
JNIEXPORT jdouble JNICALL Java_dev_diffsweep_trainer_nn_FusedKernels_squaredSum(
    JNIEnv *env, jclass cls, jobject buffer, jlong count) {
  const float *restrict values = floats(env, buffer);
  double partial[8] = {0, 0, 0, 0, 0, 0, 0, 0};
  int64_t i = 0;
  for (; i + 8 <= count; i += 8) {
    for (int lane = 0; lane < 8; lane++) {
      double x = values[i + lane];
      partial[lane] += x * x;
    }
  }
  for (; i < count; i++) {
    double x = values[i];
    partial[0] += x * x;
  }
  double total = 0;
  for (int lane = 0; lane < 8; lane++) {
    total += partial[lane];
  }
  return total;
}
