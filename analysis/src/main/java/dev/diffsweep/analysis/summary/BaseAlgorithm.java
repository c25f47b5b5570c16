package dev.diffsweep.analysis.summary;

import java.util.Optional;

/**
 * The agent a diffusion agent is compared against: a Diff* agent reuses its base and swaps the
 * policy (DiffSAC/SAC, DiffPPO/PPO, DiffWPO/WPO), so the base is the name without "Diff".
 */
public final class BaseAlgorithm {
  private static final String PREFIX = "Diff";

  private BaseAlgorithm() {}

  public static Optional<String> of(String algorithm) {
    if (algorithm.startsWith(PREFIX) && algorithm.length() > PREFIX.length()) {
      return Optional.of(algorithm.substring(PREFIX.length()));
    }
    return Optional.empty();
  }
}
