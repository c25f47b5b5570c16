// PPO's minibatch gradients in one native call, for dev.diffsweep.trainer.agent.FusedPpoGradients.
//
// At CleanRL's sizes (64-unit tanh MLPs, minibatch 64) one PPO update is 3.9 MFLOP: about 50 us of
// matrix multiplies at torch's own GEMM rate, but about 140 torch calls through DJL, which cost
// 0.8-1.5 ms. Here the forward pass of the Gaussian policy's mean network and of the value network,
// the clipped losses and the backward pass of both run as one pass of plain C over small buffers.
// It is PPO's opt-in path (gradients=native); torch's autograd is the default everywhere.
//
// Layout: activations are feature-major, [features][batch], so every matrix product runs along the
// batch (or a layer's width) in 8-float AVX2 vectors. Weights are torch's [out][in]. The products
// use explicit FMA intrinsics, so the result does not depend on whether the compiler contracts
// multiplies and adds. The functions that use AVX2 and FMA are compiled for them alone; Java calls
// them only where `available` says the CPU has both.

#include <immintrin.h>
#include <jni.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dev_diffsweep_trainer_agent_ppo_FusedPpoGradients.h"

#define SIMD __attribute__((target("avx2,fma")))

// The largest network depth (weight layers) this file supports; Java checks it.
#define MAX_LAYERS 8

// One growing scratch area per thread: Spark runs one trial per task thread.
static __thread float *scratch;
static __thread size_t scratch_floats;

static float *scratch_of(size_t floats) {
  if (floats > scratch_floats) {
    free(scratch);
    // Rounded up to whole 64-byte lines, as aligned_alloc requires.
    size_t bytes = (floats * sizeof(float) + 63) / 64 * 64;
    scratch = aligned_alloc(64, bytes);
    scratch_floats = scratch == NULL ? 0 : floats;
  }
  return scratch;
}

// C[i][j] = init + sum_p A(i, p) * Bm[p][j], for i < m, j < n, p < k, where A(i, p) is
// a[i * a_row + p * a_col] (so a transposed operand costs nothing: its entries are broadcast one at
// a time), Bm has row stride ldb and C row stride ldc. init is bias[i] (bias != NULL) or zero.
SIMD static void gemm(int m, int n, int k, const float *a, int a_row, int a_col, const float *bm,
                      int ldb, float *c, int ldc, const float *bias) {
  int i = 0;
  for (; i + 4 <= m; i += 4) {
    const float *a0 = a + (int64_t)i * a_row;
    int j = 0;
    for (; j + 16 <= n; j += 16) {
      __m256 acc[4][2];
      for (int r = 0; r < 4; r++) {
        __m256 start = _mm256_set1_ps(bias ? bias[i + r] : 0.0f);
        acc[r][0] = start;
        acc[r][1] = start;
      }
      for (int p = 0; p < k; p++) {
        const float *row = bm + (int64_t)p * ldb + j;
        __m256 x0 = _mm256_loadu_ps(row);
        __m256 x1 = _mm256_loadu_ps(row + 8);
        for (int r = 0; r < 4; r++) {
          __m256 s = _mm256_set1_ps(a0[(int64_t)r * a_row + (int64_t)p * a_col]);
          acc[r][0] = _mm256_fmadd_ps(s, x0, acc[r][0]);
          acc[r][1] = _mm256_fmadd_ps(s, x1, acc[r][1]);
        }
      }
      for (int r = 0; r < 4; r++) {
        _mm256_storeu_ps(c + (int64_t)(i + r) * ldc + j, acc[r][0]);
        _mm256_storeu_ps(c + (int64_t)(i + r) * ldc + j + 8, acc[r][1]);
      }
    }
    for (; j < n; j++) {
      for (int r = 0; r < 4; r++) {
        float sum = bias ? bias[i + r] : 0.0f;
        for (int p = 0; p < k; p++) {
          sum = fmaf(a0[(int64_t)r * a_row + (int64_t)p * a_col], bm[(int64_t)p * ldb + j], sum);
        }
        c[(int64_t)(i + r) * ldc + j] = sum;
      }
    }
  }
  for (; i < m; i++) {
    const float *ai = a + (int64_t)i * a_row;
    int j = 0;
    for (; j + 8 <= n; j += 8) {
      __m256 acc = _mm256_set1_ps(bias ? bias[i] : 0.0f);
      for (int p = 0; p < k; p++) {
        acc = _mm256_fmadd_ps(_mm256_set1_ps(ai[(int64_t)p * a_col]),
                              _mm256_loadu_ps(bm + (int64_t)p * ldb + j), acc);
      }
      _mm256_storeu_ps(c + (int64_t)i * ldc + j, acc);
    }
    for (; j < n; j++) {
      float sum = bias ? bias[i] : 0.0f;
      for (int p = 0; p < k; p++) {
        sum = fmaf(ai[(int64_t)p * a_col], bm[(int64_t)p * ldb + j], sum);
      }
      c[(int64_t)i * ldc + j] = sum;
    }
  }
}

// One 8x8 block: rows of `from` become columns of `to`, in three rounds of in-register shuffles
// (pairs, quads, 128-bit halves) instead of 64 strided scalar stores.
SIMD static void transpose_block(const float *from, int64_t from_stride, float *to,
                                 int64_t to_stride) {
  __m256 r[8];
  for (int i = 0; i < 8; i++) {
    r[i] = _mm256_loadu_ps(from + i * from_stride);
  }
  __m256 pairs[8];
  for (int i = 0; i < 4; i++) {
    pairs[2 * i] = _mm256_unpacklo_ps(r[2 * i], r[2 * i + 1]);
    pairs[2 * i + 1] = _mm256_unpackhi_ps(r[2 * i], r[2 * i + 1]);
  }
  __m256 quads[8];
  for (int half = 0; half < 2; half++) {
    __m256 *p = pairs + 4 * half;
    quads[4 * half] = _mm256_shuffle_ps(p[0], p[2], _MM_SHUFFLE(1, 0, 1, 0));
    quads[4 * half + 1] = _mm256_shuffle_ps(p[0], p[2], _MM_SHUFFLE(3, 2, 3, 2));
    quads[4 * half + 2] = _mm256_shuffle_ps(p[1], p[3], _MM_SHUFFLE(1, 0, 1, 0));
    quads[4 * half + 3] = _mm256_shuffle_ps(p[1], p[3], _MM_SHUFFLE(3, 2, 3, 2));
  }
  for (int i = 0; i < 4; i++) {
    _mm256_storeu_ps(to + i * to_stride, _mm256_permute2f128_ps(quads[i], quads[i + 4], 0x20));
    _mm256_storeu_ps(to + (i + 4) * to_stride,
                     _mm256_permute2f128_ps(quads[i], quads[i + 4], 0x31));
  }
}

// to[c][r] = from[r][c] for a rows x cols matrix.
SIMD static void transpose(int rows, int cols, const float *restrict from, float *restrict to) {
  int whole_rows = rows / 8 * 8;
  int whole_cols = cols / 8 * 8;
  for (int r = 0; r < whole_rows; r += 8) {
    for (int c = 0; c < whole_cols; c += 8) {
      transpose_block(from + (int64_t)r * cols + c, cols, to + (int64_t)c * rows + r, rows);
    }
  }
  for (int r = 0; r < rows; r++) {
    for (int c = r < whole_rows ? whole_cols : 0; c < cols; c++) {
      to[(int64_t)c * rows + r] = from[(int64_t)r * cols + c];
    }
  }
}

// e^x for |x| <= 18: x = n ln 2 + r with |r| <= ln 2 / 2, e^r by its Taylor polynomial to r^6
// (relative error below 2e-7 there), times 2^n put straight into the exponent bits.
SIMD static __m256 exp_bounded(__m256 x) {
  const __m256 round_shift = _mm256_set1_ps(12582912.0f);  // 1.5 * 2^23: rounds to an integer
  __m256 n = _mm256_sub_ps(_mm256_fmadd_ps(x, _mm256_set1_ps(1.44269504f), round_shift),
                           round_shift);
  // ln 2 in two parts, so that n * ln2_high is exact.
  __m256 r = _mm256_fnmadd_ps(n, _mm256_set1_ps(0.693145751953125f), x);
  r = _mm256_fnmadd_ps(n, _mm256_set1_ps(1.428606765330187e-6f), r);
  __m256 p = _mm256_set1_ps(1.0f / 720);
  p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(1.0f / 120));
  p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(1.0f / 24));
  p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(1.0f / 6));
  p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(0.5f));
  p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(1.0f));
  p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(1.0f));
  __m256i exponent = _mm256_slli_epi32(_mm256_cvtps_epi32(n), 23);
  return _mm256_castsi256_ps(_mm256_add_epi32(_mm256_castps_si256(p), exponent));
}

// tanh in place: (e^2x - 1) / (e^2x + 1) with x clamped to +-9, where tanh is 1 to float precision.
// Near zero this loses relative, not absolute, precision (error below 3e-7), which is all a hidden
// activation needs.
SIMD static void tanh_in_place(float *x, int64_t count) {
  int64_t i = 0;
  for (; i + 8 <= count; i += 8) {
    __m256 v = _mm256_loadu_ps(x + i);
    v = _mm256_max_ps(_mm256_min_ps(v, _mm256_set1_ps(9.0f)), _mm256_set1_ps(-9.0f));
    __m256 e = exp_bounded(_mm256_add_ps(v, v));
    __m256 one = _mm256_set1_ps(1.0f);
    _mm256_storeu_ps(x + i, _mm256_div_ps(_mm256_sub_ps(e, one), _mm256_add_ps(e, one)));
  }
  for (; i < count; i++) {
    x[i] = tanhf(x[i]);
  }
}

// One tanh MLP, described by its layer widths and torch's arrays.
typedef struct {
  int layers;
  const int *sizes;  // sizes[0] inputs ... sizes[layers] outputs
  const float *weight[MAX_LAYERS];
  const float *bias[MAX_LAYERS];
  float *weight_gradient[MAX_LAYERS];
  float *bias_gradient[MAX_LAYERS];
} Network;

static size_t activation_floats(const Network *net, int batch) {
  size_t total = 0;
  for (int l = 1; l <= net->layers; l++) {
    total += (size_t)net->sizes[l] * batch;
  }
  return total;
}

// activations[l] is layer l's input, [sizes[l]][batch]; activations[0] is the network's input and
// the last is the linear output. Hidden layers hold tanh's output.
SIMD static void forward(const Network *net, int batch, float **activations) {
  for (int l = 0; l < net->layers; l++) {
    int in = net->sizes[l];
    int out = net->sizes[l + 1];
    gemm(out, batch, in, net->weight[l], in, 1, activations[l], batch, activations[l + 1], batch,
         net->bias[l]);
    if (l + 1 < net->layers) {
      tanh_in_place(activations[l + 1], (int64_t)out * batch);
    }
  }
}

// The sum of a row, eight running sums wide (a bias gradient: a sum over the batch).
SIMD static float row_sum(const float *row, int count) {
  __m256 lanes = _mm256_setzero_ps();
  int i = 0;
  for (; i + 8 <= count; i += 8) {
    lanes = _mm256_add_ps(lanes, _mm256_loadu_ps(row + i));
  }
  float partial[8];
  _mm256_storeu_ps(partial, lanes);
  float sum = ((partial[0] + partial[1]) + (partial[2] + partial[3])) +
              ((partial[4] + partial[5]) + (partial[6] + partial[7]));
  for (; i < count; i++) {
    sum += row[i];
  }
  return sum;
}

// Weight gradients of every layer and input gradients of every layer but the first, from
// `delta` = dLoss/d(output) [sizes[layers]][batch]; delta and spare are overwritten. work needs
// 2 * (largest width) * max(batch, largest width) floats.
SIMD static void backward(const Network *net, int batch, float **activations, float *delta,
                          float *spare, float *work) {
  for (int l = net->layers - 1; l >= 0; l--) {
    int in = net->sizes[l];
    int out = net->sizes[l + 1];
    // dW[o][i] = sum_b delta[o][b] a[i][b]: a product along the batch, so one operand is turned
    // batch-major and the vectors run along the wider of the layer's two widths.
    if (in >= out) {
      transpose(in, batch, activations[l], work);
      gemm(out, in, batch, delta, batch, 1, work, in, net->weight_gradient[l], in, NULL);
    } else {
      float *delta_rows = work;
      float *transposed = work + (size_t)batch * out;
      transpose(out, batch, delta, delta_rows);
      gemm(in, out, batch, activations[l], batch, 1, delta_rows, out, transposed, out, NULL);
      transpose(in, out, transposed, net->weight_gradient[l]);
    }
    for (int o = 0; o < out; o++) {
      net->bias_gradient[l][o] = row_sum(delta + (int64_t)o * batch, batch);
    }
    if (l == 0) {
      break;
    }
    // d(input)[i][b] = sum_o W[o][i] delta[o][b], times tanh' = 1 - a^2 of that input.
    gemm(in, batch, out, net->weight[l], 1, in, delta, batch, spare, batch, NULL);
    const float *a = activations[l];
    for (int64_t e = 0; e < (int64_t)in * batch; e++) {
      spare[e] *= 1.0f - a[e] * a[e];
    }
    float *swap = delta;
    delta = spare;
    spare = swap;
  }
}

// Sum of squares in double precision (for the global gradient norm), eight running sums wide: one
// serial sum would wait on each addition, which cost more than all of an update's tanh.
SIMD static double squared_sum(const float *values, int64_t count) {
  __m256d low = _mm256_setzero_pd();
  __m256d high = _mm256_setzero_pd();
  int64_t i = 0;
  for (; i + 8 <= count; i += 8) {
    __m256d first = _mm256_cvtps_pd(_mm_loadu_ps(values + i));
    __m256d second = _mm256_cvtps_pd(_mm_loadu_ps(values + i + 4));
    low = _mm256_fmadd_pd(first, first, low);
    high = _mm256_fmadd_pd(second, second, high);
  }
  double lanes[4];
  _mm256_storeu_pd(lanes, _mm256_add_pd(low, high));
  double sum = (lanes[0] + lanes[1]) + (lanes[2] + lanes[3]);
  for (; i < count; i++) {
    sum += (double)values[i] * values[i];
  }
  return sum;
}

static double gradient_squared_sum(const Network *net) {
  double sum = 0;
  for (int l = 0; l < net->layers; l++) {
    sum += squared_sum(net->weight_gradient[l], (int64_t)net->sizes[l + 1] * net->sizes[l]);
    sum += squared_sum(net->bias_gradient[l], net->sizes[l + 1]);
  }
  return sum;
}

static int widest(const Network *net) {
  int most = 0;
  for (int l = 0; l <= net->layers; l++) {
    most = net->sizes[l] > most ? net->sizes[l] : most;
  }
  return most;
}

// d max(u, c) / du as torch's maximum: 1 where u wins, 0 where it loses, a half on a tie.
static float wins(float u, float c) { return u > c ? 1.0f : (u < c ? 0.0f : 0.5f); }

static float *floats_of(JNIEnv *env, jobject buffer) {
  return (float *)(*env)->GetDirectBufferAddress(env, buffer);
}

// The memory of buffers[index]; the local reference is dropped at once, since a call takes more
// of them than the 16 that JNI guarantees.
static float *element_floats(JNIEnv *env, jobjectArray buffers, int index) {
  jobject buffer = (*env)->GetObjectArrayElement(env, buffers, index);
  float *memory = floats_of(env, buffer);
  (*env)->DeleteLocalRef(env, buffer);
  return memory;
}

static void network_of(JNIEnv *env, const int *sizes, int layers, jobjectArray arrays,
                       jobjectArray gradients, Network *net) {
  net->layers = layers;
  net->sizes = sizes;
  for (int l = 0; l < layers; l++) {
    net->weight[l] = element_floats(env, arrays, 2 * l);
    net->bias[l] = element_floats(env, arrays, 2 * l + 1);
    net->weight_gradient[l] = element_floats(env, gradients, 2 * l);
    net->bias_gradient[l] = element_floats(env, gradients, 2 * l + 1);
  }
}

JNIEXPORT jboolean JNICALL Java_dev_diffsweep_trainer_agent_ppo_FusedPpoGradients_available(
    JNIEnv *env, jclass cls) {
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
}

JNIEXPORT jint JNICALL Java_dev_diffsweep_trainer_agent_ppo_FusedPpoGradients_maxLayers(JNIEnv *env,
                                                                                   jclass cls) {
  return MAX_LAYERS;
}

// One minibatch, row-major as Java gathers it.
typedef struct {
  int batch;
  const float *observations;       // [batch][observation size]
  const float *actions;            // [batch][action size]: the sample x_1 whose density is scored
  const float *old_log_densities;  // [batch]
  const float *advantages;         // [batch]
  const float *returns;            // [batch]
  const float *old_values;         // [batch]
} Minibatch;

typedef struct {
  float clip;  // ratio clip, also the value clip
  int clip_values;
  float value_coefficient;
  float entropy_coefficient;
  float log_std_min;
  float log_std_max;
} Settings;

// The value loss 0.5 mean max((V - R)^2, (V_old + clamp(V - V_old, -eps, eps) - R)^2) (or
// unclipped) of the value network's outputs `values` [batch]; writes value_coefficient times its
// derivative per row into delta.
static double value_loss_delta(const float *values, int batch, const float *returns,
                               const float *old_values, const Settings *settings, float *delta) {
  const float clip = settings->clip;
  double value_loss = 0;
  for (int b = 0; b < batch; b++) {
    float error = values[b] - returns[b];
    float squared = error * error;
    float d_value = error;
    if (settings->clip_values) {
      float change = values[b] - old_values[b];
      float limited = change < -clip ? -clip : (change > clip ? clip : change);
      float clipped_error = old_values[b] + limited - returns[b];
      float clipped_squared = clipped_error * clipped_error;
      float in_range = change >= -clip && change <= clip ? 1.0f : 0.0f;
      d_value = wins(squared, clipped_squared) * error +
                wins(clipped_squared, squared) * clipped_error * in_range;
      squared = squared > clipped_squared ? squared : clipped_squared;
    }
    value_loss += squared;
    delta[b] = settings->value_coefficient * d_value / batch;
  }
  return 0.5 * value_loss / batch;
}

// Fills every gradient of policy loss + value_coefficient value loss - entropy_coefficient mean
// entropy and results = {policy loss, value loss, squared norm of all gradients}. Returns 0, or -1
// if scratch memory ran out.
static int ppo_gradients(const Network *policy, const float *log_std, float *log_std_gradient,
                         const Network *value, const Minibatch *rows, const Settings *settings,
                         double results[3]) {
  const int batch = rows->batch;
  const int policy_layers = policy->layers;
  const int value_layers = value->layers;
  const int observation_size = policy->sizes[0];
  const int action_size = policy->sizes[policy_layers];
  const float clip = settings->clip;
  int width = widest(policy) > widest(value) ? widest(policy) : widest(value);
  size_t row_floats = (size_t)width * batch;
  size_t work_floats = 2 * (size_t)width * (batch > width ? batch : width);
  size_t need = (size_t)observation_size * batch + activation_floats(policy, batch) +
                activation_floats(value, batch) + 3 * row_floats + work_floats;
  float *memory = scratch_of(need);
  if (memory == NULL) {
    return -1;
  }
  float *policy_activations[MAX_LAYERS + 1];
  float *value_activations[MAX_LAYERS + 1];
  float *next = memory;
  policy_activations[0] = next;
  value_activations[0] = next;
  next += (size_t)observation_size * batch;
  for (int l = 1; l <= policy_layers; l++) {
    policy_activations[l] = next;
    next += (size_t)policy->sizes[l] * batch;
  }
  for (int l = 1; l <= value_layers; l++) {
    value_activations[l] = next;
    next += (size_t)value->sizes[l] * batch;
  }
  float *delta = next;
  float *value_delta = delta + row_floats;
  float *spare = value_delta + row_floats;
  float *work = spare + row_floats;

  transpose(batch, observation_size, rows->observations, policy_activations[0]);
  forward(policy, batch, policy_activations);
  forward(value, batch, value_activations);

  // The Gaussian: variance exp(2 clamp(log sigma)) per action dimension, as GaussianStepPolicy.
  const float log_two_pi = (float)log(2 * M_PI);
  float variance[action_size];
  float log_variance[action_size];
  float inside_clamp[action_size];
  double log_std_sum[action_size];
  for (int d = 0; d < action_size; d++) {
    float s = log_std[d];
    float clamped =
        s < settings->log_std_min ? settings->log_std_min
                                  : (s > settings->log_std_max ? settings->log_std_max : s);
    inside_clamp[d] = s >= settings->log_std_min && s <= settings->log_std_max ? 1.0f : 0.0f;
    variance[d] = expf(2.0f * clamped);
    log_variance[d] = logf(variance[d]);
    log_std_sum[d] = 0;
  }
  // Policy loss: mean_b max(-A rho, -A clamp(rho, 1 - eps, 1 + eps)), rho = exp(log pi - old).
  const float *mean = policy_activations[policy_layers];
  const float *actions = rows->actions;
  const float *advantages = rows->advantages;
  double policy_loss = 0;
  for (int b = 0; b < batch; b++) {
    float log_density = 0;
    for (int d = 0; d < action_size; d++) {
      float deviation = actions[b * action_size + d] - mean[(int64_t)d * batch + b];
      log_density +=
          -0.5f * (deviation * deviation / variance[d] + log_variance[d] + log_two_pi);
    }
    float ratio = expf(log_density - rows->old_log_densities[b]);
    float clamped = ratio < 1 - clip ? 1 - clip : (ratio > 1 + clip ? 1 + clip : ratio);
    float unclipped_loss = -advantages[b] * ratio;
    float clipped_loss = -advantages[b] * clamped;
    policy_loss += unclipped_loss > clipped_loss ? unclipped_loss : clipped_loss;
    float in_range = ratio >= 1 - clip && ratio <= 1 + clip ? 1.0f : 0.0f;
    float d_ratio = -advantages[b] * (wins(unclipped_loss, clipped_loss) +
                                      wins(clipped_loss, unclipped_loss) * in_range);
    float d_log_density = d_ratio * ratio / batch;
    for (int d = 0; d < action_size; d++) {
      float deviation = actions[b * action_size + d] - mean[(int64_t)d * batch + b];
      delta[(int64_t)d * batch + b] = d_log_density * deviation / variance[d];
      log_std_sum[d] += d_log_density * (deviation * deviation / variance[d] - 1.0f);
    }
  }
  for (int d = 0; d < action_size; d++) {
    // The entropy's mean over rows is sum_d (log var_d + log 2 pi + 1) / 2: d/d log sigma_d = 1.
    log_std_gradient[d] =
        inside_clamp[d] * (float)(log_std_sum[d] - settings->entropy_coefficient);
  }
  double value_loss =
      value_loss_delta(value_activations[value_layers], batch, rows->returns, rows->old_values,
                       settings, value_delta);

  backward(policy, batch, policy_activations, delta, spare, work);
  backward(value, batch, value_activations, value_delta, delta, work);

  results[0] = policy_loss / batch;
  results[1] = value_loss;
  results[2] = gradient_squared_sum(policy) + squared_sum(log_std_gradient, action_size) +
               gradient_squared_sum(value);
  return 0;
}

// See FusedPpoGradients.compute for the arguments.
JNIEXPORT jint JNICALL Java_dev_diffsweep_trainer_agent_ppo_FusedPpoGradients_compute(
    JNIEnv *env, jclass cls, jintArray policy_sizes_array, jobjectArray policy_arrays,
    jobjectArray policy_gradients, jobject log_std_buffer, jobject log_std_gradient_buffer,
    jintArray value_sizes_array, jobjectArray value_arrays, jobjectArray value_gradients,
    jint batch, jobjectArray row_arrays, jfloat clip, jboolean clip_values,
    jfloat value_coefficient, jfloat entropy_coefficient, jfloat log_std_min, jfloat log_std_max,
    jdoubleArray results_array) {
  int policy_layers = (*env)->GetArrayLength(env, policy_sizes_array) - 1;
  int value_layers = (*env)->GetArrayLength(env, value_sizes_array) - 1;
  jint policy_sizes[MAX_LAYERS + 1];
  jint value_sizes[MAX_LAYERS + 1];
  (*env)->GetIntArrayRegion(env, policy_sizes_array, 0, policy_layers + 1, policy_sizes);
  (*env)->GetIntArrayRegion(env, value_sizes_array, 0, value_layers + 1, value_sizes);
  Network policy;
  Network value;
  network_of(env, policy_sizes, policy_layers, policy_arrays, policy_gradients, &policy);
  network_of(env, value_sizes, value_layers, value_arrays, value_gradients, &value);
  Settings settings = {.clip = clip,
                       .clip_values = clip_values == JNI_TRUE,
                       .value_coefficient = value_coefficient,
                       .entropy_coefficient = entropy_coefficient,
                       .log_std_min = log_std_min,
                       .log_std_max = log_std_max};

  const float *log_std = floats_of(env, log_std_buffer);
  float *log_std_gradient = floats_of(env, log_std_gradient_buffer);
  // No JNI calls while the arrays are pinned: ppo_gradients is plain C.
  // observations, actions, old log-densities, advantages, returns, old values (Minibatch's order)
  jfloatArray arrays[6];
  for (int i = 0; i < 6; i++) {
    arrays[i] = (jfloatArray)(*env)->GetObjectArrayElement(env, row_arrays, i);
  }
  jfloat *pinned[6];
  for (int i = 0; i < 6; i++) {
    pinned[i] = (*env)->GetPrimitiveArrayCritical(env, arrays[i], NULL);
  }
  Minibatch rows = {batch, pinned[0], pinned[1], pinned[2], pinned[3], pinned[4], pinned[5]};
  double results[3];
  int status =
      ppo_gradients(&policy, log_std, log_std_gradient, &value, &rows, &settings, results);
  for (int i = 5; i >= 0; i--) {
    (*env)->ReleasePrimitiveArrayCritical(env, arrays[i], pinned[i], JNI_ABORT);
  }
  (*env)->SetDoubleArrayRegion(env, results_array, 0, 3, results);
  return status;
}
