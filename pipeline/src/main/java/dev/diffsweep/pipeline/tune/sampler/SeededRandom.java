package dev.diffsweep.pipeline.tune.sampler;

import java.util.SplittableRandom;

/**
 * The randomness of one proposal batch: derived from the study's seed and how many trials were
 * proposed before it, so a batch does not depend on what happened to earlier random draws (a
 * resumed run gets the same batch as an uninterrupted one).
 */
final class SeededRandom {
  private SeededRandom() {}

  static SplittableRandom forBatch(long seed, int proposedBefore) {
    return new SplittableRandom(mix(seed * 0x9E3779B97F4A7C15L + proposedBefore));
  }

  /** MurmurHash3's 64-bit finaliser: nearby inputs give unrelated seeds. */
  private static long mix(long value) {
    long z = value;
    z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
    z = (z ^ (z >>> 33)) * 0xc4ceb93c185ce53bL;
    return z ^ (z >>> 33);
  }
}
