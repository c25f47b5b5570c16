package dev.diffsweep.contract;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every agent diffsweep trains, with each diffusion variant's base: the pairs the paper compares
 * (DiffSAC against SAC, DiffPPO against PPO, DiffWPO against WPO). The trainer registers exactly
 * these names; the analysis pairs by this list, not by spelling.
 */
public final class AlgorithmCatalogue {
  public static final List<Algorithm> ALGORITHMS =
      List.of(
          new Algorithm("sac", "SAC", Optional.empty()),
          new Algorithm("diffsac", "DiffSAC", Optional.of("sac")),
          new Algorithm("ppo", "PPO", Optional.empty()),
          new Algorithm("diffppo", "DiffPPO", Optional.of("ppo")),
          new Algorithm("wpo", "WPO", Optional.empty()),
          new Algorithm("diffwpo", "DiffWPO", Optional.of("wpo")));

  private AlgorithmCatalogue() {}

  public static List<String> names() {
    return ALGORITHMS.stream().map(Algorithm::name).toList();
  }

  public static Optional<Algorithm> find(String name) {
    return ALGORITHMS.stream().filter(a -> a.name().equals(name)).findFirst();
  }

  /** The catalogue's name for reports, or the name itself for an algorithm it does not know. */
  public static String displayName(String name) {
    return find(name).map(Algorithm::displayName).orElse(name);
  }

  /** Each diffusion variant with its base: variant name to base name, in catalogue order. */
  public static Map<String, String> defaultPairs() {
    Map<String, String> pairs = new LinkedHashMap<>();
    for (Algorithm algorithm : ALGORITHMS) {
      algorithm.base().ifPresent(base -> pairs.put(algorithm.name(), base));
    }
    return pairs;
  }
}
