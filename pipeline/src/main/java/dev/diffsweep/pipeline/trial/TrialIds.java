package dev.diffsweep.pipeline.trial;

import dev.diffsweep.trainer.agent.AlgorithmDefinition;
import dev.diffsweep.trainer.agent.Hyperparameters;
import dev.diffsweep.trainer.agent.registry.AlgorithmRegistry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Trial ids: readable where a person looks (algorithm, task, seed) and a hash of everything that
 * decides the run, so a rerun of a study, on any machine, finds the same ids and never trains a
 * grid point twice. The study's name is not in it: the id names what is trained. The
 * hyperparameters enter resolved, defaults included: when a default changes (DiffSAC's sigma0 did),
 * a rerun trains the new configuration instead of taking the old runs for its results. Two kinds of
 * key are left out at their default: an {@link dev.diffsweep.trainer.agent.ImplementationChoice}
 * (how the same equations are computed does not make another trial: PPO's {@code gradients}) and an
 * {@link dev.diffsweep.trainer.agent.EarlierRunsDefault} (an option added later, whose default is
 * what the runs before it computed: {@code last_step_denoiser}).
 */
public final class TrialIds {
  private static final int HASH_HEX_DIGITS = 10;

  private TrialIds() {}

  /** The id of what the trial trains; its own id and study are not read. */
  public static String of(Trial trial) {
    String algorithm = trial.algorithm();
    StringBuilder canonical = new StringBuilder();
    canonical.append("algorithm=").append(algorithm).append('\n');
    canonical.append("task=").append(trial.task()).append('\n');
    canonical.append("seed=").append(trial.seed()).append('\n');
    canonical.append("steps=").append(trial.steps()).append('\n');
    canonical.append("eval_every=").append(trial.evaluation().everySteps()).append('\n');
    canonical.append("eval_episodes=").append(trial.evaluation().episodes()).append('\n');
    for (Map.Entry<String, String> entry :
        resolved(algorithm, trial.hyperparameters()).entrySet()) {
      canonical.append("hp.").append(entry.getKey()).append('=').append(entry.getValue());
      canonical.append('\n');
    }
    String hash = sha256Hex(canonical.toString()).substring(0, HASH_HEX_DIGITS);
    return algorithm + "-" + trial.task() + "-s" + trial.seed() + "-" + hash;
  }

  /**
   * The agent's keys with their values as the agent reads them (every default filled in, "1" and
   * "1.0" alike); keys it does not know enter as written (only a test trainer has such switches:
   * StudyLoader refuses them in a study).
   */
  private static SortedMap<String, String> resolved(
      String algorithm, SortedMap<String, String> hyperparameters) {
    AlgorithmDefinition<?> definition = AlgorithmRegistry.get(algorithm);
    Map<String, String> known = new TreeMap<>(hyperparameters);
    known.keySet().retainAll(Hyperparameters.describe(definition.defaults()).keySet());
    SortedMap<String, String> resolved = new TreeMap<>(hyperparameters);
    resolved.putAll(definition.configure(known).hyperparameters());
    Hyperparameters.idNeutralDefaults(definition.defaults())
        .forEach((key, standard) -> resolved.remove(key, standard));
    return resolved;
  }

  private static String sha256Hex(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
