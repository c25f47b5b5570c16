package dev.diffsweep.trainer.mujoco;

import dev.diffsweep.trainer.natives.NativeLibraries;

/**
 * The JNI entry points of the C shim ({@code src/main/c/mujoco_shim.c}). Handles are opaque
 * pointers to one mjModel plus one mjData; {@link Simulation} owns them, nothing else should call
 * these directly.
 */
final class MujocoNative {
  static {
    NativeLibraries.load();
  }

  private MujocoNative() {}

  /** MuJoCo object types, as in mjtObj. */
  static final int OBJECT_BODY = 1;

  static final int OBJECT_JOINT = 3;
  static final int OBJECT_SITE = 6;

  static native int version();

  static native long load(String xmlPath);

  static native void free(long handle);

  /** nq, nv, nu, nbody, nsite. */
  static native int[] sizes(long handle);

  static native double timestep(long handle);

  static native double[] bodyMass(long handle);

  static native double[] actuatorCtrlRange(long handle);

  static native double[] initialQpos(long handle);

  static native int nameToId(long handle, int objectType, String name);

  /** Chooses the arrays that reset and step copy out, in order; returns the total length. */
  static native int configureOutput(long handle, int[] fieldCodes);

  static native void reset(long handle, double[] qpos, double[] qvel, double[] out);

  static native void step(
      long handle, double[] ctrl, int frameSkip, boolean rnePostConstraint, double[] out);

  /** Warnings MuJoCo raised on this thread since the last call, or null. */
  static native String takeWarnings();

  /** Seconds the same steps take in a plain C loop (the binding's reference). */
  static native double benchmarkCLoop(
      long handle, double[] controls, int steps, int frameSkip, boolean rnePostConstraint);
}
