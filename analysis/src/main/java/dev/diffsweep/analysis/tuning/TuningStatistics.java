package dev.diffsweep.analysis.tuning;

import dev.diffsweep.analysis.stats.BootstrapSettings;
import dev.diffsweep.analysis.stats.PointwiseBootstrap;
import dev.diffsweep.analysis.stats.PointwiseEstimate;
import dev.diffsweep.analysis.summary.ResultTable;
import dev.diffsweep.analysis.summary.StatisticCells;
import dev.diffsweep.analysis.summary.TableSchema;
import dev.diffsweep.analysis.tables.TuningRow;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Ranks a tuning study's completed configurations by their objective in the tuning direction and
 * gives the best ones intervals over their seeds. Pruned and failed configurations are never
 * ranked: their values were measured at shorter budgets, or not at all.
 */
public final class TuningStatistics {
  /** How many of the best configurations the report and the table show. */
  public static final int BEST_SHOWN = 5;

  /** Prefix of the parameter columns, so a parameter cannot clash with a fixed column. */
  static final String PARAMETER_PREFIX = "param_";

  private TuningStatistics() {}

  /**
   * @param curves the evaluation curves of the completed configurations' runs, by trial id
   */
  public static TuningResults compute(
      List<TunedConfiguration> configurations,
      TuneSettings settings,
      Map<String, SeedCurve> curves,
      BootstrapSettings bootstrap) {
    List<TunedConfiguration> best =
        configurations.stream()
            .filter(TunedConfiguration::completed)
            .sorted(
                Comparator.comparing(
                        TunedConfiguration::objective, settings.direction().bestFirst())
                    .thenComparingInt(TunedConfiguration::number))
            .limit(BEST_SHOWN)
            .toList();
    List<RankedConfiguration> ranked = new ArrayList<>();
    for (TunedConfiguration configuration : best) {
      double[] seedObjectives =
          configuration.runs().stream()
              .mapToDouble(run -> seedObjective(run, curves, settings.objectiveLastFraction()))
              .filter(value -> !Double.isNaN(value))
              .toArray();
      ranked.add(
          new RankedConfiguration(
              ranked.size() + 1,
              configuration,
              seedObjectives,
              overSeeds(seedObjectives, bootstrap.forGroup(configuration.configId()))));
    }
    return new TuningResults(
        settings,
        configurations,
        ranked,
        bestTable(ranked, TunedConfiguration.parameterNames(configurations)));
  }

  /** One seed's objective at the run's full budget; NaN when its evaluations are not committed. */
  private static double seedObjective(
      TuningRow run, Map<String, SeedCurve> curves, double lastFraction) {
    SeedCurve curve = curves.get(run.trialId());
    if (curve == null || curve.steps().length == 0) {
      return Double.NaN;
    }
    long budget =
        run.totalSteps() != null ? run.totalSteps() : curve.steps()[curve.steps().length - 1];
    return curve.tailMean(budget, lastFraction);
  }

  private static Optional<PointwiseEstimate> overSeeds(
      double[] seedObjectives, BootstrapSettings bootstrap) {
    if (seedObjectives.length == 0) {
      return Optional.empty();
    }
    double[][] values = new double[seedObjectives.length][];
    for (int seed = 0; seed < values.length; seed++) {
      values[seed] = new double[] {seedObjectives[seed]};
    }
    return Optional.of(
        PointwiseBootstrap.estimate(values, new int[values.length], bootstrap).withoutReplicates());
  }

  private static ResultTable bestTable(List<RankedConfiguration> ranked, List<String> parameters) {
    TableSchema schema =
        new TableSchema()
            .integer("rank")
            .integer("tune_number")
            .string("config_id")
            .string("algorithm");
    parameters.forEach(parameter -> schema.string(PARAMETER_PREFIX + parameter));
    schema.real("objective").integer("seeds").statistics("seed_objective_");
    List<Row> rows = new ArrayList<>();
    for (RankedConfiguration entry : ranked) {
      TunedConfiguration configuration = entry.configuration();
      List<Object> row = new ArrayList<>();
      row.add(entry.rank());
      row.add(configuration.number());
      row.add(configuration.configId());
      row.add(configuration.algorithm());
      parameters.forEach(parameter -> row.add(configuration.parameters().get(parameter)));
      row.add(configuration.objective());
      row.add(entry.seedObjectives().length);
      entry
          .overSeeds()
          .ifPresentOrElse(
              estimate -> StatisticCells.append(row, estimate, 0),
              () -> StatisticCells.appendMissing(row));
      rows.add(RowFactory.create(row.toArray()));
    }
    return new ResultTable("best_configurations", schema.build(), rows);
  }
}
