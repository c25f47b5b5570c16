package dev.diffsweep.analysis.tuning;

import dev.diffsweep.analysis.tables.TuningRow;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * One configuration the tuner proposed, with its seeds' runs: what it is, how far it got (status
 * and the objective at each rung it reached) and its final objective if it completed.
 *
 * @param parameters the tuned parameters by name, without the algorithm
 * @param rungValues the objective at each rung reached (shorter budgets than the final one)
 * @param objective the final objective, NaN unless completed
 * @param runs one row per seed, by seed
 */
public record TunedConfiguration(
    int number,
    String configId,
    String algorithm,
    SortedMap<String, String> parameters,
    String status,
    SortedMap<Integer, Double> rungValues,
    double objective,
    List<TuningRow> runs) {

  public static final String PRUNED = "pruned";
  private static final String COMPLETED = "completed";
  private static final String ALGORITHM_KEY = "algorithm";

  /** The configurations of a tuning study's rows, in proposal order. */
  public static List<TunedConfiguration> of(List<TuningRow> rows) {
    Map<Integer, List<TuningRow>> byNumber =
        rows.stream()
            .collect(Collectors.groupingBy(TuningRow::number, TreeMap::new, Collectors.toList()));
    List<TunedConfiguration> configurations = new ArrayList<>();
    byNumber.forEach((number, runs) -> configurations.add(of(number, runs)));
    return configurations;
  }

  private static TunedConfiguration of(int number, List<TuningRow> runs) {
    // The seeds' rows carry the same configuration-level values; the newest revision is current.
    TuningRow current = Collections.max(runs, Comparator.comparingLong(TuningRow::revision));
    SortedMap<String, String> parameters = new TreeMap<>(current.config());
    parameters.remove(ALGORITHM_KEY);
    boolean completed = COMPLETED.equals(current.status()) && current.objective() != null;
    return new TunedConfiguration(
        number,
        current.configId(),
        current.algorithm(),
        parameters,
        current.status(),
        parseRungValues(current.rungValues()),
        completed ? current.objective() : Double.NaN,
        runs.stream().sorted(Comparator.comparingInt(TuningRow::seed)).toList());
  }

  /** Every parameter some of the configurations set, by name. */
  public static List<String> parameterNames(List<TunedConfiguration> configurations) {
    TreeSet<String> names = new TreeSet<>();
    configurations.forEach(c -> names.addAll(c.parameters().keySet()));
    return List.copyOf(names);
  }

  /** Only a completed configuration trained to the full budget and has a final objective. */
  public boolean completed() {
    return !Double.isNaN(objective);
  }

  public boolean pruned() {
    return PRUNED.equals(status);
  }

  /** The objective at the last rung the configuration reached, if it reached any. */
  public OptionalDouble lastRungValue() {
    return rungValues.isEmpty()
        ? OptionalDouble.empty()
        : OptionalDouble.of(rungValues.get(rungValues.lastKey()));
  }

  /** The configuration as {@code name=value} pairs, e.g. {@code batch_size=64, tau=0.005}. */
  public String label() {
    return parameters.entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(", "));
  }

  /** "0:12.5;1:48.0" (rung:value pairs, docs/TABLES.md) as a map by rung. */
  static SortedMap<Integer, Double> parseRungValues(String text) {
    SortedMap<Integer, Double> values = new TreeMap<>();
    if (text == null || text.isBlank()) {
      return values;
    }
    for (String pair : text.split(";")) {
      String[] parts = pair.split(":", 2);
      values.put(Integer.parseInt(parts[0].trim()), Double.parseDouble(parts[1].trim()));
    }
    return values;
  }
}
