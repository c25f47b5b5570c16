package dev.diffsweep.pipeline.study;

import dev.diffsweep.pipeline.tune.TuneSpec;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A validated study file.
 *
 * @param name the study's name; its folder is {@code output/name}
 * @param output where studies go: an absolute local path as a file: URI, or any Hadoop URI
 * @param grid hyperparameter values for every algorithm (each key: the values to sweep)
 * @param algorithmGrid extra or replacing grid entries per algorithm
 * @param sparkProfile a profile name (conf/spark/NAME.conf) or a path to a profile file
 * @param source where the study was read from, for messages
 * @param tune the tune block, or null for a grid study
 * @param tuneBlock the tune block's text as read (empty without one), part of the identity
 * @param compare the pairs the study file names (agent to the agent it is compared against), in
 *     file order; empty for the catalogue's pairs. Not part of the identity: it decides what the
 *     report compares, not what is trained
 */
public record Study(
    String name,
    String output,
    List<String> algorithms,
    List<String> tasks,
    List<Integer> seeds,
    StepBudget steps,
    EvaluationSchedule evaluation,
    Map<String, List<String>> grid,
    Map<String, Map<String, List<String>>> algorithmGrid,
    String sparkProfile,
    String source,
    TuneSpec tune,
    String tuneBlock,
    Map<String, String> compare) {

  public Study {
    algorithms = List.copyOf(algorithms);
    tasks = List.copyOf(tasks);
    seeds = List.copyOf(seeds);
    grid = Map.copyOf(grid);
    algorithmGrid = Map.copyOf(algorithmGrid);
    compare = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(compare));
  }

  /** The folder of this study's tables and runs. */
  public String folder() {
    return output.endsWith("/") ? output + name : output + "/" + name;
  }

  /** The grid one algorithm sweeps: the common grid with its own entries on top. */
  public Map<String, List<String>> gridFor(String algorithm) {
    Map<String, List<String>> merged = new TreeMap<>(grid);
    merged.putAll(algorithmGrid.getOrDefault(algorithm, Map.of()));
    return merged;
  }

  /**
   * What makes two studies of the same name the same study: everything that decides the trials.
   * Where it runs (output, Spark profile) is left out, so a study may move from a laptop to a
   * cluster.
   */
  public String identity() {
    StringBuilder text = new StringBuilder();
    text.append("name = ").append(name).append('\n');
    text.append("algorithms = ").append(algorithms).append('\n');
    text.append("tasks = ").append(tasks).append('\n');
    text.append("seeds = ").append(seeds).append('\n');
    text.append("steps = ").append(steps.describe()).append('\n');
    text.append("evaluation = every ").append(evaluation.everySteps());
    text.append(" episodes ").append(evaluation.episodes()).append('\n');
    for (String algorithm : algorithms) {
      text.append("grid.").append(algorithm).append(" = ").append(gridFor(algorithm)).append('\n');
    }
    if (tune != null) {
      text.append("tune = ").append(tuneBlock).append('\n');
    }
    return text.toString();
  }
}
