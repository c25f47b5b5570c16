// JNI shim between dev.diffsweep.trainer.mujoco.MujocoNative and libmujoco.
//
// Kept deliberately small: it loads and frees models, resets and steps them, and copies
// arrays in and out. Calls are coarse (one JNI crossing per environment step, however many
// physics substeps) so the binding costs well under 1 % of the physics.
//
// MuJoCo's default error handler prints, waits for Enter and exits the process, which would
// take a whole Spark executor down. We install handlers that longjmp back to the JNI entry
// point that called into MuJoCo and raise a Java MujocoException instead.

#include <jni.h>
#include <math.h>
#include <mujoco/mujoco.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dev_diffsweep_trainer_mujoco_MujocoNative.h"

// Output field codes; must match MujocoNative.Field.
enum {
  FIELD_QPOS = 0,
  FIELD_QVEL = 1,
  FIELD_CINERT = 2,
  FIELD_CVEL = 3,
  FIELD_QFRC_ACTUATOR = 4,
  FIELD_CFRC_EXT = 5,
  FIELD_XIPOS = 6,
  FIELD_SITE_XPOS = 7,
  FIELD_XPOS = 8,
  FIELD_QFRC_CONSTRAINT = 9
};

#define MAX_OUTPUT_FIELDS 16
// The Java side refuses models with more actuators before stepping.
#define MAX_ACTUATORS 64

typedef struct {
  mjModel* model;
  mjData* data;
  int output_fields[MAX_OUTPUT_FIELDS];
  int output_field_count;
  int output_size;
} Env;

// Error recovery is per thread: several environments step on several threads at once.
static __thread jmp_buf* error_jump = NULL;
static __thread char error_message[1024];
static __thread char warning_message[1024];

static void on_mujoco_error(const char* message) {
  snprintf(error_message, sizeof error_message, "%s", message);
  if (error_jump != NULL) {
    longjmp(*error_jump, 1);
  }
  // Outside a guarded call MuJoCo would otherwise exit(); returning is the lesser evil, and
  // the message is still reported by the next guarded call's caller.
}

static void on_mujoco_warning(const char* message) {
  size_t used = strlen(warning_message);
  if (used + 2 < sizeof warning_message) {
    snprintf(warning_message + used, sizeof warning_message - used, "%s%s", used ? "; " : "",
             message);
  }
}

static void throw_mujoco_exception(JNIEnv* jni, const char* message) {
  jclass type = (*jni)->FindClass(jni, "dev/diffsweep/trainer/mujoco/MujocoException");
  if (type != NULL) {
    (*jni)->ThrowNew(jni, type, message);
  }
}

// Runs `statement` with MuJoCo errors turned into a Java exception; evaluates to 1 on error.
#define GUARDED(jni, statement)                            \
  ({                                                       \
    jmp_buf jump;                                          \
    volatile int failed = 0;                               \
    error_jump = &jump;                                    \
    if (setjmp(jump) == 0) {                               \
      statement;                                           \
    } else {                                               \
      failed = 1;                                          \
      throw_mujoco_exception(jni, error_message);          \
    }                                                      \
    error_jump = NULL;                                     \
    failed;                                                \
  })

static int field_size(const mjModel* m, int field) {
  switch (field) {
    case FIELD_QPOS: return m->nq;
    case FIELD_QVEL: return m->nv;
    case FIELD_CINERT: return 10 * m->nbody;
    case FIELD_CVEL: return 6 * m->nbody;
    case FIELD_QFRC_ACTUATOR: return m->nv;
    case FIELD_CFRC_EXT: return 6 * m->nbody;
    case FIELD_XIPOS: return 3 * m->nbody;
    case FIELD_SITE_XPOS: return 3 * m->nsite;
    case FIELD_XPOS: return 3 * m->nbody;
    case FIELD_QFRC_CONSTRAINT: return m->nv;
    default: return -1;
  }
}

static const mjtNum* field_data(const mjData* d, int field) {
  switch (field) {
    case FIELD_QPOS: return d->qpos;
    case FIELD_QVEL: return d->qvel;
    case FIELD_CINERT: return d->cinert;
    case FIELD_CVEL: return d->cvel;
    case FIELD_QFRC_ACTUATOR: return d->qfrc_actuator;
    case FIELD_CFRC_EXT: return d->cfrc_ext;
    case FIELD_XIPOS: return d->xipos;
    case FIELD_SITE_XPOS: return d->site_xpos;
    case FIELD_XPOS: return d->xpos;
    case FIELD_QFRC_CONSTRAINT: return d->qfrc_constraint;
    default: return NULL;
  }
}

static void gather(const Env* env, double* out) {
  for (int i = 0; i < env->output_field_count; i++) {
    int field = env->output_fields[i];
    int size = field_size(env->model, field);
    memcpy(out, field_data(env->data, field), sizeof(double) * size);
    out += size;
  }
}

// The physics of one environment step; shared by the Java-driven step and the C benchmark
// loop so that both do exactly the same work.
static void advance(Env* env, const double* ctrl, int frame_skip, int rne_post_constraint) {
  mjModel* m = env->model;
  mjData* d = env->data;
  memcpy(d->ctrl, ctrl, sizeof(double) * m->nu);
  for (int i = 0; i < frame_skip; i++) {
    mj_step(m, d);
  }
  if (rne_post_constraint) {
    // cfrc_ext is only filled by this pass; Gymnasium runs it after every step.
    mj_rnePostConstraint(m, d);
  }
}

static void run_steps(Env* env, const double* ctrl, int rows, int steps, int frame_skip,
                      int rne_post_constraint, double* out) {
  int nu = env->model->nu;
  for (int i = 0; i < steps; i++) {
    advance(env, ctrl + (size_t)(i % rows) * nu, frame_skip, rne_post_constraint);
    gather(env, out);
  }
}

static Env* as_env(jlong handle) { return (Env*)(intptr_t)handle; }

static void install_handlers(void) {
  mju_user_error = on_mujoco_error;
  mju_user_warning = on_mujoco_warning;
}

JNIEXPORT jint JNICALL Java_dev_diffsweep_trainer_mujoco_MujocoNative_version(JNIEnv* jni,
                                                                             jclass type) {
  install_handlers();
  return mj_version();
}

JNIEXPORT jlong JNICALL Java_dev_diffsweep_trainer_mujoco_MujocoNative_load(JNIEnv* jni,
                                                                           jclass type,
                                                                           jstring path) {
  install_handlers();
  const char* file = (*jni)->GetStringUTFChars(jni, path, NULL);
  char load_error[1000] = "";
  mjModel* volatile model = NULL;
  int failed = GUARDED(jni, model = mj_loadXML(file, NULL, load_error, sizeof load_error));
  (*jni)->ReleaseStringUTFChars(jni, path, file);
  if (failed) {
    return 0;
  }
  if (model == NULL) {
    throw_mujoco_exception(jni, load_error[0] ? load_error : "mj_loadXML failed");
    return 0;
  }
  mjData* volatile data = NULL;
  if (GUARDED(jni, data = mj_makeData(model))) {
    mj_deleteModel(model);
    return 0;
  }
  Env* env = calloc(1, sizeof(Env));
  env->model = model;
  env->data = data;
  return (jlong)(intptr_t)env;
}

JNIEXPORT void JNICALL Java_dev_diffsweep_trainer_mujoco_MujocoNative_free(JNIEnv* jni,
                                                                          jclass type,
                                                                          jlong handle) {
  Env* env = as_env(handle);
  mj_deleteData(env->data);
  mj_deleteModel(env->model);
  free(env);
}

JNIEXPORT jintArray JNICALL Java_dev_diffsweep_trainer_mujoco_MujocoNative_sizes(JNIEnv* jni,
                                                                                jclass type,
                                                                                jlong handle) {
  const mjModel* m = as_env(handle)->model;
  jint sizes[] = {m->nq, m->nv, m->nu, m->nbody, m->nsite};
  jintArray result = (*jni)->NewIntArray(jni, 5);
  (*jni)->SetIntArrayRegion(jni, result, 0, 5, sizes);
  return result;
}

JNIEXPORT jdouble JNICALL Java_dev_diffsweep_trainer_mujoco_MujocoNative_timestep(JNIEnv* jni,
                                                                                 jclass type,
                                                                                 jlong handle) {
  return as_env(handle)->model->opt.timestep;
}

static jdoubleArray to_java(JNIEnv* jni, const double* values, int count) {
  jdoubleArray result = (*jni)->NewDoubleArray(jni, count);
  (*jni)->SetDoubleArrayRegion(jni, result, 0, count, values);
  return result;
}

JNIEXPORT jdoubleArray JNICALL Java_dev_diffsweep_trainer_mujoco_MujocoNative_bodyMass(
    JNIEnv* jni, jclass type, jlong handle) {
  const mjModel* m = as_env(handle)->model;
  return to_java(jni, m->body_mass, m->nbody);
}

JNIEXPORT jdoubleArray JNICALL Java_dev_diffsweep_trainer_mujoco_MujocoNative_actuatorCtrlRange(
    JNIEnv* jni, jclass type, jlong handle) {
  const mjModel* m = as_env(handle)->model;
  return to_java(jni, m->actuator_ctrlrange, 2 * m->nu);
}

JNIEXPORT jdoubleArray JNICALL Java_dev_diffsweep_trainer_mujoco_MujocoNative_initialQpos(
    JNIEnv* jni, jclass type, jlong handle) {
  const mjModel* m = as_env(handle)->model;
  return to_java(jni, m->qpos0, m->nq);
}

JNIEXPORT jint JNICALL Java_dev_diffsweep_trainer_mujoco_MujocoNative_nameToId(JNIEnv* jni,
                                                                              jclass type,
                                                                              jlong handle,
                                                                              jint object_type,
                                                                              jstring name) {
  const char* text = (*jni)->GetStringUTFChars(jni, name, NULL);
  int id = mj_name2id(as_env(handle)->model, object_type, text);
  (*jni)->ReleaseStringUTFChars(jni, name, text);
  return id;
}

JNIEXPORT jint JNICALL Java_dev_diffsweep_trainer_mujoco_MujocoNative_configureOutput(
    JNIEnv* jni, jclass type, jlong handle, jintArray fields) {
  Env* env = as_env(handle);
  int count = (*jni)->GetArrayLength(jni, fields);
  if (count > MAX_OUTPUT_FIELDS) {
    throw_mujoco_exception(jni, "too many output fields");
    return -1;
  }
  jint codes[MAX_OUTPUT_FIELDS];
  (*jni)->GetIntArrayRegion(jni, fields, 0, count, codes);
  int total = 0;
  for (int i = 0; i < count; i++) {
    int size = field_size(env->model, codes[i]);
    if (size < 0) {
      throw_mujoco_exception(jni, "unknown output field code");
      return -1;
    }
    env->output_fields[i] = codes[i];
    total += size;
  }
  env->output_field_count = count;
  env->output_size = total;
  return total;
}

JNIEXPORT void JNICALL Java_dev_diffsweep_trainer_mujoco_MujocoNative_reset(
    JNIEnv* jni, jclass type, jlong handle, jdoubleArray qpos, jdoubleArray qvel,
    jdoubleArray out) {
  Env* env = as_env(handle);
  mjModel* m = env->model;
  mjData* d = env->data;
  warning_message[0] = '\0';
  if (GUARDED(jni, mj_resetData(m, d))) {
    return;
  }
  (*jni)->GetDoubleArrayRegion(jni, qpos, 0, m->nq, d->qpos);
  (*jni)->GetDoubleArrayRegion(jni, qvel, 0, m->nv, d->qvel);
  if (GUARDED(jni, mj_forward(m, d))) {
    return;
  }
  double* values = (*jni)->GetPrimitiveArrayCritical(jni, out, NULL);
  gather(env, values);
  (*jni)->ReleasePrimitiveArrayCritical(jni, out, values, 0);
}

JNIEXPORT void JNICALL Java_dev_diffsweep_trainer_mujoco_MujocoNative_step(
    JNIEnv* jni, jclass type, jlong handle, jdoubleArray ctrl, jint frame_skip,
    jboolean rne_post_constraint, jdoubleArray out) {
  Env* env = as_env(handle);
  double ctrl_values[MAX_ACTUATORS];
  int nu = env->model->nu;
  (*jni)->GetDoubleArrayRegion(jni, ctrl, 0, nu, ctrl_values);
  if (GUARDED(jni, advance(env, ctrl_values, frame_skip, rne_post_constraint))) {
    return;
  }
  double* values = (*jni)->GetPrimitiveArrayCritical(jni, out, NULL);
  gather(env, values);
  (*jni)->ReleasePrimitiveArrayCritical(jni, out, values, 0);
}

JNIEXPORT jstring JNICALL Java_dev_diffsweep_trainer_mujoco_MujocoNative_takeWarnings(
    JNIEnv* jni, jclass type) {
  if (warning_message[0] == '\0') {
    return NULL;
  }
  jstring result = (*jni)->NewStringUTF(jni, warning_message);
  warning_message[0] = '\0';
  return result;
}

JNIEXPORT jdouble JNICALL Java_dev_diffsweep_trainer_mujoco_MujocoNative_benchmarkCLoop(
    JNIEnv* jni, jclass type, jlong handle, jdoubleArray controls, jint steps, jint frame_skip,
    jboolean rne_post_constraint) {
  // The reference for `bench env`: the same per-step work as `step` (set ctrl, substeps,
  // optional rnePostConstraint, copy the output fields) in a plain C loop, no JNI crossing.
  Env* env = as_env(handle);
  int nu = env->model->nu;
  int count = (*jni)->GetArrayLength(jni, controls);
  double* ctrl = malloc(sizeof(double) * count);
  double* out = malloc(sizeof(double) * (env->output_size > 0 ? env->output_size : 1));
  (*jni)->GetDoubleArrayRegion(jni, controls, 0, count, ctrl);
  int rows = count / nu;
  struct timespec start, end;
  clock_gettime(CLOCK_MONOTONIC, &start);
  int failed = GUARDED(jni, run_steps(env, ctrl, rows, steps, frame_skip, rne_post_constraint, out));
  clock_gettime(CLOCK_MONOTONIC, &end);
  free(ctrl);
  free(out);
  if (failed) {
    return -1;
  }
  return (double)(end.tv_sec - start.tv_sec) + 1e-9 * (double)(end.tv_nsec - start.tv_nsec);
}
