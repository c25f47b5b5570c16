package dev.diffsweep.trainer.state;

import java.io.IOException;

/**
 * A seeded random stream whose whole state is three fields, so a checkpoint can save and restore it
 * exactly (java.util's generators hide theirs). SplitMix64 for the bits, Box-Muller for Gaussians.
 */
public final class RandomStream implements StatePart {
  private long state;
  private boolean hasSpareGaussian;
  private double spareGaussian;

  public RandomStream(long seed) {
    this.state = seed;
  }

  public long nextLong() {
    state += 0x9E3779B97F4A7C15L;
    long z = state;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** Uniform in [0, 1). */
  public double nextDouble() {
    return (nextLong() >>> 11) * 0x1.0p-53;
  }

  /** Uniform in [0, bound). */
  public int nextInt(int bound) {
    if (bound <= 0) {
      throw new IllegalArgumentException("bound must be positive, got " + bound);
    }
    return (int) Math.floorMod(nextLong() >>> 1, (long) bound);
  }

  public double nextGaussian() {
    if (hasSpareGaussian) {
      hasSpareGaussian = false;
      return spareGaussian;
    }
    double u1 = 1.0 - nextDouble(); // in (0, 1]: log is finite
    double u2 = nextDouble();
    double radius = Math.sqrt(-2.0 * Math.log(u1));
    double angle = 2.0 * Math.PI * u2;
    spareGaussian = radius * Math.sin(angle);
    hasSpareGaussian = true;
    return radius * Math.cos(angle);
  }

  /** {@code count} standard normal draws as floats, the form the networks take. */
  public float[] gaussians(int count) {
    float[] values = new float[count];
    for (int i = 0; i < count; i++) {
      values[i] = (float) nextGaussian();
    }
    return values;
  }

  /** An independent stream derived from this one (for a component that needs its own). */
  public RandomStream split() {
    return new RandomStream(nextLong());
  }

  @Override
  public void write(StateWriter out) throws IOException {
    out.writeLong(state);
    out.writeBoolean(hasSpareGaussian);
    out.writeDouble(spareGaussian);
  }

  @Override
  public void read(StateReader in) throws IOException {
    state = in.readLong();
    hasSpareGaussian = in.readBoolean();
    spareGaussian = in.readDouble();
  }
}
