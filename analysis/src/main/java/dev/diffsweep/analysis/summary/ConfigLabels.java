package dev.diffsweep.analysis.summary;

import dev.diffsweep.analysis.tables.TrialRecord;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Names each trial's configuration by the hyperparameters that vary between the trials of its
 * algorithm (an ablation grid, e.g. {@code diffusion_steps=5}); seeds of one configuration share
 * the label, and a study without a grid gets empty labels.
 */
public final class ConfigLabels {
  private final Map<String, Set<String>> varyingKeysByAlgorithm;

  public ConfigLabels(Collection<TrialRecord> trials) {
    Map<String, Map<String, Set<String>>> valuesByAlgorithm = new HashMap<>();
    for (TrialRecord trial : trials) {
      Map<String, Set<String>> values =
          valuesByAlgorithm.computeIfAbsent(trial.algorithm(), a -> new HashMap<>());
      for (Map.Entry<String, String> entry : trial.hyperparameters().entrySet()) {
        values.computeIfAbsent(entry.getKey(), k -> new HashSet<>()).add(entry.getValue());
      }
    }
    varyingKeysByAlgorithm = new HashMap<>();
    valuesByAlgorithm.forEach(
        (algorithm, values) ->
            varyingKeysByAlgorithm.put(
                algorithm,
                values.entrySet().stream()
                    .filter(e -> e.getValue().size() > 1 && !e.getKey().equals("seed"))
                    .map(Map.Entry::getKey)
                    .collect(Collectors.toCollection(TreeSet::new))));
  }

  public String of(TrialRecord trial) {
    return varyingKeysByAlgorithm.getOrDefault(trial.algorithm(), Set.of()).stream()
        .map(key -> key + "=" + trial.hyperparameters().get(key))
        .collect(Collectors.joining(", "));
  }

  /** Every hyperparameter that varies for some algorithm: the ablated parameters. */
  public Set<String> ablatedParameters() {
    Set<String> keys = new TreeSet<>();
    varyingKeysByAlgorithm.values().forEach(keys::addAll);
    return keys;
  }
}
