package dev.diffsweep.analysis.summary;

import dev.diffsweep.analysis.AnalysisOptions;
import dev.diffsweep.analysis.curves.ThresholdCrossing;
import dev.diffsweep.analysis.stats.BootstrapSettings;
import dev.diffsweep.analysis.stats.ConfidenceInterval;
import dev.diffsweep.analysis.stats.PerformanceProfile;
import dev.diffsweep.analysis.stats.PointwiseBootstrap;
import dev.diffsweep.analysis.stats.PointwiseEstimate;
import dev.diffsweep.analysis.stats.ProbabilityOfImprovement;
import dev.diffsweep.analysis.stats.ScoreNormalization;
import dev.diffsweep.analysis.stats.Statistic;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Turns per-trial results into the study's statistics: per algorithm x task (and configuration) the
 * curve and score estimates with bootstrap intervals, steps to threshold, the Diff*-vs-base
 * sample-efficiency ratio and probability of improvement; across tasks the same on normalised
 * scores and the performance profile. Plain Java; groups are processed in parallel.
 */
public final class StudyStatistics {
  private static final Comparator<GroupKey> GROUP_ORDER =
      Comparator.comparing(GroupKey::task)
          .thenComparing(GroupKey::algorithm)
          .thenComparing(GroupKey::config);

  private final AnalysisOptions options;
  private final Map<String, TaskGrid> grids;
  private final Map<String, String> pairs;
  private final Map<GroupKey, List<TrialResult>> groups;

  private StudyStatistics(
      List<TrialResult> trials,
      Map<String, TaskGrid> grids,
      Map<String, String> pairs,
      AnalysisOptions options) {
    this.options = options;
    this.grids = grids;
    this.pairs = Map.copyOf(pairs);
    this.groups =
        trials.stream()
            .collect(
                Collectors.groupingBy(
                    TrialResult::group, () -> new TreeMap<>(GROUP_ORDER), Collectors.toList()));
  }

  /**
   * @param pairs each compared agent with the agent it is compared against (variant to base)
   */
  public static StudyResults compute(
      List<TrialResult> trials,
      Map<String, TaskGrid> grids,
      Map<String, String> pairs,
      AnalysisOptions options) {
    return new StudyStatistics(trials, grids, pairs, options).compute();
  }

  /** Score and curve estimates of one group. */
  private record GroupStats(
      GroupKey key,
      PointwiseEstimate finalReturn,
      PointwiseEstimate auc,
      PointwiseEstimate curve,
      double stepsToThreshold,
      double[] stepsReplicates) {}

  /**
   * A compared group against its base's group on the same task: how many times fewer env steps it
   * needs to the threshold (with the interval over the curves' bootstrap replicates) and the
   * probability that a run of it ends above a run of the base.
   */
  private record PairStats(
      GroupKey base,
      double efficiencyRatio,
      ConfidenceInterval efficiencyRatioInterval,
      ProbabilityOfImprovement.Estimate improvement) {}

  private StudyResults compute() {
    BootstrapSettings bootstrap = options.bootstrap();
    Map<GroupKey, PointwiseEstimate[]> scores = new TreeMap<>(GROUP_ORDER);
    groups.entrySet().parallelStream()
        .map(
            e ->
                Map.entry(
                    e.getKey(),
                    new PointwiseEstimate[] {
                      scalarEstimate(e.getValue(), TrialResult::finalReturn, e.getKey(), "final"),
                      scalarEstimate(e.getValue(), TrialResult::auc, e.getKey(), "auc")
                    }))
        .toList()
        .forEach(e -> scores.put(e.getKey(), e.getValue()));

    Map<String, Double> thresholdByTask = new TreeMap<>();
    scores.forEach(
        (key, estimates) ->
            thresholdByTask.merge(key.task(), estimates[0].point(Statistic.IQM, 0), Math::max));
    thresholdByTask.replaceAll(
        (task, best) -> {
          double lowest = grids.get(task).minReturn();
          return lowest + options.thresholdFraction() * (best - lowest);
        });

    Map<GroupKey, GroupStats> stats = new TreeMap<>(GROUP_ORDER);
    groups.entrySet().parallelStream()
        .map(
            e -> {
              GroupKey key = e.getKey();
              TaskGrid grid = grids.get(key.task());
              double[][] curves =
                  e.getValue().stream().map(TrialResult::curve).toArray(double[][]::new);
              PointwiseEstimate curve =
                  PointwiseBootstrap.estimate(
                      curves, new int[curves.length], bootstrap.forGroup(key + "curve"));
              double threshold = thresholdByTask.get(key.task());
              double[] replicates = new double[curve.iqmReplicates().length];
              for (int b = 0; b < replicates.length; b++) {
                replicates[b] =
                    ThresholdCrossing.firstStep(grid.steps(), curve.iqmReplicates()[b], threshold);
              }
              double steps =
                  ThresholdCrossing.firstStep(
                      grid.steps(), curve.point().get(Statistic.IQM), threshold);
              PointwiseEstimate[] s = scores.get(key);
              return new GroupStats(key, s[0], s[1], curve.withoutReplicates(), steps, replicates);
            })
        .toList()
        .forEach(g -> stats.put(g.key(), g));

    ScoreNormalization normalization =
        ScoreNormalization.of(
            options.normalization(),
            grids.values().stream()
                .collect(
                    Collectors.toMap(
                        TaskGrid::task,
                        g -> new ScoreNormalization.Range(g.minReturn(), g.maxReturn()))));
    Map<GroupKey, PairStats> pairStats = new TreeMap<>(GROUP_ORDER);
    for (GroupStats g : stats.values()) {
      baseGroup(g.key(), stats.keySet())
          .ifPresent(base -> pairStats.put(g.key(), pairStats(g, stats.get(base))));
    }
    Map<GroupKey, AcrossTasks> across = acrossTasks(normalization);
    return new StudyResults(
        comparisonTable(stats, pairStats, across),
        curvesTable(stats),
        summaryTable(stats, pairStats, thresholdByTask),
        aggregateCurvesTable(normalization),
        aggregateTable(across),
        performanceProfileTable(normalization),
        thresholdByTask);
  }

  private PointwiseEstimate scalarEstimate(
      List<TrialResult> runs,
      java.util.function.ToDoubleFunction<TrialResult> score,
      GroupKey key,
      String what) {
    double[][] values =
        runs.stream().map(r -> new double[] {score.applyAsDouble(r)}).toArray(double[][]::new);
    return PointwiseBootstrap.estimate(
            values, new int[values.length], options.bootstrap().forGroup(key + what))
        .withoutReplicates();
  }

  // ---- curves -------------------------------------------------------------------------------

  private ResultTable curvesTable(Map<GroupKey, GroupStats> stats) {
    TableSchema schema =
        new TableSchema()
            .string("algorithm")
            .string("task")
            .string("config")
            .integer("grid_index")
            .bigint("env_step")
            .integer("trials")
            .statistics("");
    List<Row> rows = new ArrayList<>();
    for (GroupStats g : stats.values()) {
      long[] steps = grids.get(g.key().task()).steps();
      addCurveRows(
          rows,
          Arrays.asList(g.key().algorithm(), g.key().task(), g.key().config()),
          g.curve(),
          p -> steps[p]);
    }
    return new ResultTable("curves", schema.build(), rows);
  }

  // ---- summary ------------------------------------------------------------------------------

  private ResultTable summaryTable(
      Map<GroupKey, GroupStats> stats,
      Map<GroupKey, PairStats> pairStats,
      Map<String, Double> thresholds) {
    TableSchema schema =
        new TableSchema()
            .string("algorithm")
            .string("task")
            .string("config")
            .integer("trials")
            .statistics("final_return_")
            .statistics("auc_")
            .real("threshold")
            .estimate("steps_to_threshold")
            .string("base_algorithm")
            .estimate("sample_efficiency_ratio")
            .estimate("probability_of_improvement");
    List<Row> rows = new ArrayList<>();
    for (GroupStats g : stats.values()) {
      GroupKey key = g.key();
      ConfidenceInterval stepsCi =
          ConfidenceInterval.percentile(g.stepsReplicates(), options.bootstrap().level());
      List<Object> row = new ArrayList<>(List.of(key.algorithm(), key.task(), key.config()));
      row.add(groups.get(key).size());
      StatisticCells.append(row, g.finalReturn(), 0);
      StatisticCells.append(row, g.auc(), 0);
      row.add(thresholds.get(key.task()));
      row.add(StatisticCells.nullIfNaN(g.stepsToThreshold()));
      row.add(StatisticCells.nullIfNaN(stepsCi.low()));
      row.add(StatisticCells.nullIfNaN(stepsCi.high()));
      PairStats pair = pairStats.get(key);
      if (pair != null) {
        row.add(pair.base().algorithm());
        appendPairCells(row, pair);
      } else {
        for (int i = 0; i < 7; i++) {
          row.add(null);
        }
      }
      rows.add(RowFactory.create(row.toArray()));
    }
    return new ResultTable("summary", schema.build(), rows);
  }

  /** Ratio, its interval, probability of improvement and its interval, in that order. */
  private static void appendPairCells(List<Object> row, PairStats pair) {
    row.add(StatisticCells.nullIfNaN(pair.efficiencyRatio()));
    row.add(StatisticCells.nullIfNaN(pair.efficiencyRatioInterval().low()));
    row.add(StatisticCells.nullIfNaN(pair.efficiencyRatioInterval().high()));
    row.add(pair.improvement().probability());
    row.add(pair.improvement().interval().low());
    row.add(pair.improvement().interval().high());
  }

  private PairStats pairStats(GroupStats g, GroupStats b) {
    double[] ratios = new double[g.stepsReplicates().length];
    for (int r = 0; r < ratios.length; r++) {
      ratios[r] = efficiencyRatio(b.stepsReplicates()[r], g.stepsReplicates()[r]);
    }
    ProbabilityOfImprovement.Estimate poi =
        ProbabilityOfImprovement.estimate(
            List.of(finalReturns(groups.get(g.key()))),
            List.of(finalReturns(groups.get(b.key()))),
            options.bootstrap().forGroup(g.key() + "poi"));
    return new PairStats(
        b.key(),
        efficiencyRatio(b.stepsToThreshold(), g.stepsToThreshold()),
        ConfidenceInterval.percentile(ratios, options.bootstrap().level()),
        poi);
  }

  // ---- comparison ---------------------------------------------------------------------------

  /**
   * The study's answer first: every compared group against its base, per task and across tasks,
   * with a verdict from the probability of improvement's interval ({@link Verdict}).
   */
  private ResultTable comparisonTable(
      Map<GroupKey, GroupStats> stats,
      Map<GroupKey, PairStats> pairStats,
      Map<GroupKey, AcrossTasks> across) {
    List<Row> rows = new ArrayList<>();
    pairStats.forEach(
        (key, pair) -> {
          GroupStats g = stats.get(key);
          GroupStats b = stats.get(pair.base());
          List<Object> row = new ArrayList<>(List.of(key.task(), key.algorithm()));
          row.add(pair.base().algorithm());
          row.add(key.config());
          row.add(groups.get(key).size());
          row.add(groups.get(pair.base()).size());
          appendIqm(row, g.finalReturn());
          appendIqm(row, b.finalReturn());
          row.add(StatisticCells.nullIfNaN(g.auc().point(Statistic.IQM, 0)));
          row.add(StatisticCells.nullIfNaN(b.auc().point(Statistic.IQM, 0)));
          appendPairCells(row, pair);
          row.add(Verdict.of(pair.improvement().interval()).word());
          rows.add(RowFactory.create(row.toArray()));
        });
    for (AcrossTasks a : across.values()) {
      if (a.againstBase().isEmpty()) {
        continue;
      }
      AgainstBase pair = a.againstBase().get();
      List<Object> row = new ArrayList<>();
      row.add(ACROSS_TASKS);
      row.add(a.key().algorithm());
      row.add(pair.base().algorithm());
      row.add(a.key().config());
      row.add(pair.runs());
      row.add(pair.baseRuns());
      appendIqm(row, pair.score());
      appendIqm(row, pair.baseScore());
      row.add(null);
      row.add(null);
      row.add(null);
      row.add(null);
      row.add(null);
      row.add(pair.improvement().probability());
      row.add(pair.improvement().interval().low());
      row.add(pair.improvement().interval().high());
      row.add(Verdict.of(pair.improvement().interval()).word());
      rows.add(RowFactory.create(row.toArray()));
    }
    return new ResultTable("comparison", COMPARISON_SCHEMA.build(), rows);
  }

  /** The task column of a comparison row over all tasks the pair shares. */
  public static final String ACROSS_TASKS = "all tasks";

  private static final TableSchema COMPARISON_SCHEMA =
      new TableSchema()
          .string("task")
          .string("algorithm")
          .string("base_algorithm")
          .string("config")
          .integer("seeds")
          .integer("base_seeds")
          .estimate("final_return_iqm")
          .estimate("base_final_return_iqm")
          .real("auc_iqm")
          .real("base_auc_iqm")
          .estimate("sample_efficiency_ratio")
          .estimate("probability_of_improvement")
          .string("verdict");

  private void appendIqm(List<Object> row, PointwiseEstimate estimate) {
    ConfidenceInterval ci = estimate.interval(Statistic.IQM, 0);
    row.add(StatisticCells.nullIfNaN(estimate.point(Statistic.IQM, 0)));
    row.add(StatisticCells.nullIfNaN(ci.low()));
    row.add(StatisticCells.nullIfNaN(ci.high()));
  }

  /**
   * How many times fewer env steps the Diff* agent needs than its base to reach the threshold; an
   * agent that never reaches it needs infinitely many (0 or infinity), both never: undefined.
   */
  static double efficiencyRatio(double baseSteps, double diffSteps) {
    double base = Double.isNaN(baseSteps) ? Double.POSITIVE_INFINITY : baseSteps;
    double diff = Double.isNaN(diffSteps) ? Double.POSITIVE_INFINITY : diffSteps;
    if (Double.isInfinite(base) && Double.isInfinite(diff)) {
      return Double.NaN;
    }
    if (diff == 0) {
      return base == 0 ? 1 : Double.POSITIVE_INFINITY;
    }
    return base / diff;
  }

  /**
   * The base agent's group for a compared group: same task and configuration, or the base's only
   * configuration on that task (the base lacks the diffusion hyperparameters an ablation varies).
   */
  private Optional<GroupKey> baseGroup(GroupKey key, Set<GroupKey> all) {
    Optional<String> base = Optional.ofNullable(pairs.get(key.algorithm()));
    if (base.isEmpty()) {
      return Optional.empty();
    }
    GroupKey same = new GroupKey(base.get(), key.task(), key.config());
    if (all.contains(same)) {
      return Optional.of(same);
    }
    List<GroupKey> onTask =
        all.stream()
            .filter(k -> k.algorithm().equals(base.get()) && k.task().equals(key.task()))
            .toList();
    return onTask.size() == 1 ? Optional.of(onTask.get(0)) : Optional.empty();
  }

  // ---- aggregates across tasks ----------------------------------------------------------------

  /** (algorithm, config) groups across tasks, each with its runs in task order. */
  private Map<GroupKey, List<TrialResult>> acrossTasks() {
    Map<GroupKey, List<TrialResult>> result = new TreeMap<>(GROUP_ORDER);
    groups.forEach(
        (key, runs) ->
            result
                .computeIfAbsent(
                    new GroupKey(key.algorithm(), "", key.config()), k -> new ArrayList<>())
                .addAll(runs));
    return result;
  }

  private static int[] taskStrata(List<TrialResult> runs) {
    Map<String, Integer> index = new HashMap<>();
    return runs.stream()
        .mapToInt(r -> index.computeIfAbsent(r.trial().task(), t -> index.size()))
        .toArray();
  }

  private ResultTable aggregateCurvesTable(ScoreNormalization normalization) {
    TableSchema schema =
        new TableSchema()
            .string("algorithm")
            .string("config")
            .integer("grid_index")
            .real("budget_fraction")
            .integer("trials")
            .statistics("");
    List<Row> rows = new ArrayList<>();
    int points = options.gridPoints();
    List<Map.Entry<GroupKey, PointwiseEstimate>> estimates =
        acrossTasks().entrySet().parallelStream()
            .map(
                e -> {
                  double[][] normalised =
                      e.getValue().stream()
                          .map(
                              r -> {
                                double[] curve = new double[points];
                                for (int p = 0; p < points; p++) {
                                  curve[p] =
                                      normalization.normalize(r.trial().task(), r.curve()[p]);
                                }
                                return curve;
                              })
                          .toArray(double[][]::new);
                  return Map.entry(
                      e.getKey(),
                      PointwiseBootstrap.estimate(
                              normalised,
                              taskStrata(e.getValue()),
                              options.bootstrap().forGroup(e.getKey() + "aggregate-curve"))
                          .withoutReplicates());
                })
            .toList();
    for (Map.Entry<GroupKey, PointwiseEstimate> e : estimates) {
      addCurveRows(
          rows,
          Arrays.asList(e.getKey().algorithm(), e.getKey().config()),
          e.getValue(),
          p -> p / (double) (points - 1));
    }
    return new ResultTable("aggregate_curves", schema.build(), rows);
  }

  /**
   * A curve table's rows of one group: per grid point that has runs, the group's cells, the point's
   * index, where it lies on the x axis ({@code position}), its runs and its statistics. Points
   * without runs get no row rather than a row of nulls.
   */
  private static void addCurveRows(
      List<Row> rows, List<Object> group, PointwiseEstimate curve, IntFunction<Object> position) {
    for (int p = 0; p < curve.points(); p++) {
      if (curve.runs()[p] == 0) {
        continue;
      }
      List<Object> row = new ArrayList<>(group);
      row.add(p);
      row.add(position.apply(p));
      row.add(curve.runs()[p]);
      StatisticCells.append(row, curve, p);
      rows.add(RowFactory.create(row.toArray()));
    }
  }

  private ResultTable aggregateTable(Map<GroupKey, AcrossTasks> across) {
    TableSchema schema =
        new TableSchema()
            .string("algorithm")
            .string("config")
            .integer("tasks")
            .integer("trials")
            .statistics("normalized_score_")
            .string("base_algorithm")
            .estimate("probability_of_improvement");
    List<Row> rows = new ArrayList<>();
    for (AcrossTasks a : across.values()) {
      List<Object> row = new ArrayList<>(List.of(a.key().algorithm(), a.key().config()));
      row.add((int) a.runs().stream().map(r -> r.trial().task()).distinct().count());
      row.add(a.runs().size());
      StatisticCells.append(row, a.score(), 0);
      row.add(a.againstBase().map(pair -> pair.base().algorithm()).orElse(null));
      Optional<ProbabilityOfImprovement.Estimate> poi =
          a.againstBase().map(AgainstBase::improvement);
      row.add(poi.map(ProbabilityOfImprovement.Estimate::probability).orElse(null));
      row.add(poi.map(p -> p.interval().low()).orElse(null));
      row.add(poi.map(p -> p.interval().high()).orElse(null));
      rows.add(RowFactory.create(row.toArray()));
    }
    return new ResultTable("aggregate", schema.build(), rows);
  }

  /**
   * One (algorithm, config) over all its tasks: its normalised final returns' estimate and, where
   * it has a base, the two compared over the tasks both were run on. The aggregate and comparison
   * tables both read it, so each bootstrap runs once.
   */
  private record AcrossTasks(
      GroupKey key,
      List<TrialResult> runs,
      PointwiseEstimate score,
      Optional<AgainstBase> againstBase) {}

  /**
   * A group and its base on the tasks they share, and only those: a base that also ran a task the
   * other did not (or whose trials on it committed first, as in a running study) would otherwise be
   * scored on a different set of tasks than the agent it is compared with.
   */
  private record AgainstBase(
      GroupKey base,
      int runs,
      int baseRuns,
      PointwiseEstimate score,
      PointwiseEstimate baseScore,
      ProbabilityOfImprovement.Estimate improvement) {}

  private Map<GroupKey, AcrossTasks> acrossTasks(ScoreNormalization normalization) {
    Map<GroupKey, List<TrialResult>> runsByGroup = acrossTasks();
    Map<GroupKey, PointwiseEstimate> scores = new TreeMap<>(GROUP_ORDER);
    runsByGroup.forEach(
        (key, runs) -> scores.put(key, aggregateEstimate(key, runs, normalization)));
    Map<GroupKey, AcrossTasks> result = new TreeMap<>(GROUP_ORDER);
    for (Map.Entry<GroupKey, List<TrialResult>> group : runsByGroup.entrySet()) {
      GroupKey key = group.getKey();
      List<TrialResult> runs = group.getValue();
      Optional<AgainstBase> againstBase =
          baseGroup(key, runsByGroup.keySet())
              .flatMap(
                  base ->
                      againstBase(key, runs, base, runsByGroup.get(base), scores, normalization));
      result.put(key, new AcrossTasks(key, runs, scores.get(key), againstBase));
    }
    return result;
  }

  private Optional<AgainstBase> againstBase(
      GroupKey key,
      List<TrialResult> runs,
      GroupKey base,
      List<TrialResult> baseRuns,
      Map<GroupKey, PointwiseEstimate> scores,
      ScoreNormalization normalization) {
    Set<String> shared = tasksOf(runs);
    shared.retainAll(tasksOf(baseRuns));
    if (shared.isEmpty()) {
      return Optional.empty();
    }
    List<TrialResult> onShared = onTasks(runs, shared);
    List<TrialResult> baseOnShared = onTasks(baseRuns, shared);
    return Optional.of(
        new AgainstBase(
            base,
            onShared.size(),
            baseOnShared.size(),
            onShared.size() == runs.size()
                ? scores.get(key)
                : aggregateEstimate(key, onShared, normalization),
            baseOnShared.size() == baseRuns.size()
                ? scores.get(base)
                : aggregateEstimate(base, baseOnShared, normalization),
            ProbabilityOfImprovement.estimate(
                new ArrayList<>(normalisedByTask(onShared, normalization).values()),
                new ArrayList<>(normalisedByTask(baseOnShared, normalization).values()),
                options.bootstrap().forGroup(key + "poi"))));
  }

  private static Set<String> tasksOf(List<TrialResult> runs) {
    return runs.stream().map(r -> r.trial().task()).collect(Collectors.toCollection(TreeSet::new));
  }

  private static List<TrialResult> onTasks(List<TrialResult> runs, Set<String> tasks) {
    return runs.stream().filter(r -> tasks.contains(r.trial().task())).toList();
  }

  /** Normalised final returns across tasks, bootstrapped within tasks (stratified). */
  private PointwiseEstimate aggregateEstimate(
      GroupKey key, List<TrialResult> runs, ScoreNormalization normalization) {
    double[][] scores =
        runs.stream()
            .map(r -> new double[] {normalization.normalize(r.trial().task(), r.finalReturn())})
            .toArray(double[][]::new);
    return PointwiseBootstrap.estimate(
        scores, taskStrata(runs), options.bootstrap().forGroup(key + "aggregate"));
  }

  private static Map<String, double[]> normalisedByTask(
      List<TrialResult> runs, ScoreNormalization normalization) {
    return runs.stream()
        .collect(
            Collectors.groupingBy(
                r -> r.trial().task(),
                TreeMap::new,
                Collectors.collectingAndThen(
                    Collectors.toList(),
                    list ->
                        list.stream()
                            .mapToDouble(
                                r -> normalization.normalize(r.trial().task(), r.finalReturn()))
                            .toArray())));
  }

  private ResultTable performanceProfileTable(ScoreNormalization normalization) {
    TableSchema schema =
        new TableSchema().string("algorithm").string("config").real("tau").estimate("fraction");
    Map<GroupKey, List<TrialResult>> across = acrossTasks();
    double lowest = Double.POSITIVE_INFINITY;
    double highest = Double.NEGATIVE_INFINITY;
    Map<GroupKey, List<double[]>> scoresByGroup = new TreeMap<>(GROUP_ORDER);
    for (Map.Entry<GroupKey, List<TrialResult>> e : across.entrySet()) {
      List<double[]> byTask =
          new ArrayList<>(normalisedByTask(e.getValue(), normalization).values());
      scoresByGroup.put(e.getKey(), byTask);
      for (double[] scores : byTask) {
        for (double s : scores) {
          lowest = Math.min(lowest, s);
          highest = Math.max(highest, s);
        }
      }
    }
    double from = options.normalization() == ScoreNormalization.Kind.MIN_MAX ? 0 : lowest;
    double to = options.normalization() == ScoreNormalization.Kind.MIN_MAX ? 1 : highest;
    double[] taus = new double[101];
    for (int k = 0; k < taus.length; k++) {
      taus[k] = from + (to - from) * k / (taus.length - 1);
    }
    List<Row> rows = new ArrayList<>();
    for (Map.Entry<GroupKey, List<double[]>> e : scoresByGroup.entrySet()) {
      PerformanceProfile.Profile profile =
          PerformanceProfile.estimate(
              e.getValue(), taus, options.bootstrap().forGroup(e.getKey() + "profile"));
      for (int k = 0; k < taus.length; k++) {
        rows.add(
            RowFactory.create(
                e.getKey().algorithm(),
                e.getKey().config(),
                taus[k],
                profile.fraction()[k],
                profile.low()[k],
                profile.high()[k]));
      }
    }
    return new ResultTable("performance_profile", schema.build(), rows);
  }

  // ---- helpers --------------------------------------------------------------------------------

  private static double[] finalReturns(List<TrialResult> runs) {
    return runs.stream().mapToDouble(TrialResult::finalReturn).toArray();
  }
}
