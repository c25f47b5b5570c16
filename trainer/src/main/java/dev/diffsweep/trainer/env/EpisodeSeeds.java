package dev.diffsweep.trainer.env;

/** Derives independent per-episode reset seeds from one run seed (SplitMix64 mixing). */
public final class EpisodeSeeds {
  private EpisodeSeeds() {}

  public static long derive(long runSeed, long stream, long episode) {
    long z = runSeed;
    z = mix(z + 0x9E3779B97F4A7C15L * (stream + 1));
    z = mix(z + 0x9E3779B97F4A7C15L * (episode + 1));
    return z;
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
