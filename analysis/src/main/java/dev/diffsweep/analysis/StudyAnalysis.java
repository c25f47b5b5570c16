package dev.diffsweep.analysis;

import dev.diffsweep.analysis.curves.RunningCurve;
import dev.diffsweep.analysis.curves.TrialCurveQueries;
import dev.diffsweep.analysis.plots.PlotImage;
import dev.diffsweep.analysis.plots.StudyPlots;
import dev.diffsweep.analysis.plots.TuningPlots;
import dev.diffsweep.analysis.references.PublishedReferences;
import dev.diffsweep.analysis.report.HtmlReport;
import dev.diffsweep.analysis.report.LiveView;
import dev.diffsweep.analysis.report.ReportContext;
import dev.diffsweep.analysis.summary.ConfigLabels;
import dev.diffsweep.analysis.summary.ResultTableWriter;
import dev.diffsweep.analysis.summary.StudyResults;
import dev.diffsweep.analysis.summary.StudyStatistics;
import dev.diffsweep.analysis.summary.TaskGrid;
import dev.diffsweep.analysis.summary.TrialResult;
import dev.diffsweep.analysis.tables.HadoopFiles;
import dev.diffsweep.analysis.tables.StudyInventory;
import dev.diffsweep.analysis.tables.StudyLayout;
import dev.diffsweep.analysis.tables.StudyReadException;
import dev.diffsweep.analysis.tables.StudyTables;
import dev.diffsweep.analysis.tables.TrialRecord;
import dev.diffsweep.analysis.tables.TuningRow;
import dev.diffsweep.analysis.tuning.SeedCurve;
import dev.diffsweep.analysis.tuning.TuneSettings;
import dev.diffsweep.analysis.tuning.TunedConfiguration;
import dev.diffsweep.analysis.tuning.TuningResults;
import dev.diffsweep.analysis.tuning.TuningStatistics;
import dev.diffsweep.analysis.verify.StudyCheck;
import dev.diffsweep.analysis.verify.StudyVerification;
import dev.diffsweep.contract.AlgorithmCatalogue;
import dev.diffsweep.contract.ComparedPairs;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * The aggregation job: reads a study's committed trials, computes curves and summaries with
 * intervals, and writes tables, plots and report.html into the study folder. Spark does the
 * per-evaluation work; the statistics over the (small) per-trial results run on the driver.
 */
public final class StudyAnalysis {
  private static final String OPEN_COST = "spark.sql.files.openCostInBytes";
  private static final String CACHE_COMPRESSED = "spark.sql.inMemoryColumnarStorage.compressed";

  private StudyAnalysis() {}

  public static AnalysisResult run(SparkSession spark, String studyPath, AnalysisOptions options) {
    return run(spark, studyPath, options, ReportMode.FINAL);
  }

  /**
   * The analysis; a {@link ReportMode#LIVE live} report also draws the running trials' partial
   * curves (dashed, marked running, in no statistic), says how many run and reloads itself.
   */
  public static AnalysisResult run(
      SparkSession spark, String studyPath, AnalysisOptions options, ReportMode mode) {
    StudyLayout layout = StudyLayout.of(studyPath);
    StudyTables tables = new StudyTables(spark, layout, mode == ReportMode.LIVE);
    if (!tables.studyExists()) {
      throw new StudyReadException("no study folder at " + studyPath);
    }
    tables.checkIsStudy(studyPath);
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    if (mode == ReportMode.FINAL) {
      refuseDamaged(layout, conf, studyPath);
    }
    PhaseTimer timer = new PhaseTimer();
    StudyInventory inventory = tables.inventory();
    timer.lap("inventory");
    List<TrialRecord> committed = inventory.committedTrials();
    ConfigLabels labels = new ConfigLabels(committed);
    Map<String, String> configByTrial = new HashMap<>();
    committed.forEach(t -> configByTrial.put(t.trialId(), labels.of(t)));
    List<TunedConfiguration> tuned = TunedConfiguration.of(tables.tuningRows());
    Map<String, SeedCurve> tuningCurves = Map.of();
    Optional<LiveView> live = Optional.empty();
    List<RunningCurve> running = List.of();
    if (mode == ReportMode.LIVE) {
      // Labelled over committed and running trials together, so that a running trial of a grid
      // value nobody committed yet still shows its configuration; the statistics keep theirs.
      ConfigLabels withRunning = new ConfigLabels(inventory.trials());
      running = tables.guard(() -> tables.runningCurves(inventory, withRunning::of));
      long runningTrials =
          inventory.trials().stream()
              .filter(t -> "running".equals(t.status()))
              .filter(t -> !inventory.committedTrialIds().contains(t.trialId()))
              .count();
      live =
          Optional.of(
              new LiveView(
                  runningTrials,
                  committed.size(),
                  Instant.now().truncatedTo(ChronoUnit.SECONDS),
                  running));
      timer.lap("running trials");
    }
    // Bundled published results plus the study's own references.csv; a bad file is a warning.
    Path studyReferences = layout.output(PublishedReferences.STUDY_FILE);
    PublishedReferences references =
        PublishedReferences.load(
            HadoopFiles.readText(conf, studyReferences), studyReferences.toString());

    Optional<StudyResults> results = Optional.empty();
    List<PlotImage> plots = List.of();
    if (!committed.isEmpty()) {
      // A study is one small file per trial and table. With Spark's default cost of 4 MiB per
      // opened file, 10 000 trials become hundreds of scan tasks, each writing a file per
      // shuffle partition; a small open cost packs the files into about one task per core.
      Map<String, String> settings = new LinkedHashMap<>();
      settings.put(OPEN_COST, "65536");
      // The cached evaluations are read four times and dropped at the end of the job; building
      // them compressed cost more CPU (compressibility statistics, encoders) than the reads save.
      settings.put(CACHE_COMPRESSED, "false");
      Map<String, String> previous = new LinkedHashMap<>();
      settings.forEach(
          (key, value) -> {
            previous.put(key, spark.conf().get(key, null));
            spark.conf().set(key, value);
          });
      Dataset<Row> evaluations = tables.committedEvaluations(inventory);
      // The queries below read the evaluations several times; a study is thousands of small
      // files, so read them once. Under RAPIDS the GPU reader is fast and a default cache
      // would be a CPU operator, so it reads directly.
      boolean cache = !spark.conf().get("spark.rapids.sql.enabled", "false").equals("true");
      if (cache) {
        evaluations = evaluations.persist(StorageLevel.MEMORY_AND_DISK());
      }
      try {
        TrialCurveQueries queries =
            new TrialCurveQueries(
                spark, evaluations, options.gridPoints(), options.finalFraction());
        Map<String, TaskGrid> grids = tables.guard(() -> collectGrids(queries));
        List<TrialResult> trials =
            tables.guard(() -> collectTrials(queries, inventory, configByTrial, options));
        tuningCurves = collectTuningCurves(tables, evaluations, tuned);
        timer.lap("spark sql");
        StudyResults computed =
            StudyStatistics.compute(trials, grids, comparedPairs(conf, layout), options);
        timer.lap("statistics");
        new ResultTableWriter(spark, layout).write(computed.tables());
        timer.lap("tables");
        if (options.plots()) {
          plots = StudyPlots.draw(computed, labels.ablatedParameters(), running, references);
          writePlots(conf, layout, plots);
          timer.lap("plots");
        }
        results = Optional.of(computed);
      } finally {
        if (cache) {
          evaluations.unpersist();
        }
        previous.forEach(
            (key, value) -> {
              if (value == null) {
                spark.conf().unset(key);
              } else {
                spark.conf().set(key, value);
              }
            });
      }
    }

    if (results.isEmpty() && !running.isEmpty() && options.plots()) {
      plots = StudyPlots.running(running, references);
      writePlots(conf, layout, plots);
    }

    Optional<String> studyConf = HadoopFiles.readText(conf, layout.studyConf());
    Optional<TuningResults> tuning = Optional.empty();
    List<PlotImage> tuningPlots = List.of();
    if (!tuned.isEmpty()) {
      TuningResults computed =
          TuningStatistics.compute(
              tuned, TuneSettings.fromStudyConf(studyConf), tuningCurves, options.bootstrap());
      new ResultTableWriter(spark, layout).write(List.of(computed.bestConfigurations()));
      if (options.plots()) {
        tuningPlots = TuningPlots.draw(computed);
        writePlots(conf, layout, tuningPlots);
      }
      tuning = Optional.of(computed);
      timer.lap("tuning");
    }

    String studyName =
        inventory.trials().stream()
            .map(TrialRecord::study)
            .filter(name -> name != null && !name.isEmpty())
            .findFirst()
            .orElse(layout.root().getName());
    ReportContext context =
        new ReportContext(
            studyPath,
            studyName,
            studyConf,
            inventory,
            configByTrial,
            engineVersions(spark),
            options,
            results,
            plots,
            tuning,
            tuningPlots,
            references,
            live);
    // A browser may reload the page at any moment (a live report reloads itself): swap it whole.
    HadoopFiles.writeTextAtomically(conf, layout.report(), HtmlReport.render(context));
    timer.lap("report");
    return new AnalysisResult(
        layout.report().toString(),
        committed.size(),
        inventory.describe(),
        results,
        tuning,
        timer.seconds());
  }

  /**
   * The pairs the study file named, as the driver recorded them, or the catalogue's (each Diff*
   * agent against its base) for a study that named none or predates the record.
   */
  static Map<String, String> comparedPairs(Configuration conf, StudyLayout layout) {
    Optional<String> recorded = HadoopFiles.readText(conf, layout.comparedPairs());
    if (recorded.isEmpty()) {
      return AlgorithmCatalogue.defaultPairs();
    }
    try {
      return ComparedPairs.parse(recorded.get());
    } catch (IllegalArgumentException e) {
      throw new StudyReadException(
          layout.comparedPairs()
              + ": "
              + e.getMessage()
              + "; fix the study file's compare block and rerun the study, or delete the file to"
              + " compare each Diff* agent with its base");
    }
  }

  private static void writePlots(Configuration conf, StudyLayout layout, List<PlotImage> plots) {
    Path folder = layout.output("plots");
    for (PlotImage plot : plots) {
      HadoopFiles.write(conf, new Path(folder, plot.name() + ".png"), plot.png());
      HadoopFiles.write(conf, new Path(folder, plot.name() + ".svg"), plot.svg());
    }
  }

  /** The evaluation curves of the completed configurations' runs: their per-seed objectives. */
  private static Map<String, SeedCurve> collectTuningCurves(
      StudyTables tables, Dataset<Row> evaluations, List<TunedConfiguration> tuned) {
    List<String> runs =
        tuned.stream()
            .filter(TunedConfiguration::completed)
            .flatMap(c -> c.runs().stream())
            .map(TuningRow::trialId)
            .toList();
    return tables.guard(() -> SeedCurve.collect(evaluations, runs));
  }

  /**
   * The Spark SQL queries the job runs over a study's committed evaluations, by name: what the
   * RAPIDS check plans. Empty when nothing is committed.
   */
  public static Map<String, Dataset<Row>> queries(
      SparkSession spark, String studyPath, AnalysisOptions options) {
    StudyTables tables = new StudyTables(spark, StudyLayout.of(studyPath));
    StudyInventory inventory = tables.inventory();
    Map<String, Dataset<Row>> queries = new LinkedHashMap<>();
    if (inventory.committedTrialIds().isEmpty()) {
      return queries;
    }
    TrialCurveQueries q =
        new TrialCurveQueries(
            spark,
            tables.committedEvaluations(inventory),
            options.gridPoints(),
            options.finalFraction());
    queries.put("task bounds", q.taskBounds());
    queries.put("grid", q.grid());
    queries.put("interpolated curves", q.interpolatedCurves());
    queries.put("trial scores", q.trialScores());
    queries.put("trials with curves", q.trialsWithCurves());
    return queries;
  }

  private static Map<String, TaskGrid> collectGrids(TrialCurveQueries queries) {
    Map<String, List<Long>> steps = new HashMap<>();
    for (Row row : queries.grid().orderBy("task", "grid_index").collectAsList()) {
      steps.computeIfAbsent(row.getString(0), t -> new ArrayList<>()).add(row.getLong(2));
    }
    Map<String, TaskGrid> grids = new HashMap<>();
    for (Row row : queries.taskBounds().collectAsList()) {
      String task = row.getString(0);
      long[] grid = steps.get(task).stream().mapToLong(Long::longValue).toArray();
      grids.put(task, new TaskGrid(task, grid, row.getDouble(3), row.getDouble(4)));
    }
    return grids;
  }

  private static List<TrialResult> collectTrials(
      TrialCurveQueries queries,
      StudyInventory inventory,
      Map<String, String> configByTrial,
      AnalysisOptions options) {
    Map<String, TrialRecord> byId = new HashMap<>();
    inventory.committedTrials().forEach(t -> byId.put(t.trialId(), t));
    Dataset<Row> rows = queries.trialsWithCurves();
    List<TrialResult> trials = new ArrayList<>();
    for (Row row : rows.collectAsList()) {
      String id = row.getAs("trial_id");
      double[] curve = new double[options.gridPoints()];
      Arrays.fill(curve, Double.NaN);
      List<Row> points =
          row.isNullAt(row.fieldIndex("curve")) ? List.of() : row.getList(row.fieldIndex("curve"));
      for (Row point : points) {
        curve[point.getInt(0)] = point.getDouble(1);
      }
      trials.add(
          new TrialResult(
              byId.get(id),
              configByTrial.get(id),
              row.<Double>getAs("final_return"),
              row.<Double>getAs("auc"),
              curve));
    }
    return trials;
  }

  /** Versions of what computed the report (the trials' own versions come from the table). */
  private static Map<String, String> engineVersions(SparkSession spark) {
    Map<String, String> versions = new LinkedHashMap<>();
    versions.put("diffsweep analysis", analysisVersion());
    versions.put("Apache Spark", spark.version());
    versions.put("Scala", scala.util.Properties.versionNumberString());
    versions.put("Java", System.getProperty("java.version"));
    return versions;
  }

  private static String analysisVersion() {
    Properties properties = new Properties();
    try (InputStream in =
        StudyAnalysis.class.getResourceAsStream("/diffsweep-analysis.properties")) {
      if (in != null) {
        properties.load(in);
      }
    } catch (IOException e) {
      return "unknown";
    }
    return properties.getProperty("version", "unknown");
  }

  /**
   * Refuses a study with a damaged committed file before Spark reads it: a truncated or deleted
   * part, or one no commit wrote, would otherwise end in Spark traces or in different numbers. The
   * live report skips this (trials commit while it reads; the driver checked at its start).
   */
  private static void refuseDamaged(StudyLayout layout, Configuration conf, String studyPath) {
    StudyCheck check;
    try {
      check =
          new StudyVerification(layout.root().getFileSystem(conf), layout.root())
              .check(StudyVerification.Depth.LISTING);
    } catch (IOException e) {
      throw new StudyReadException("cannot verify " + studyPath + ": " + e.getMessage(), e);
    }
    if (!check.intact()) {
      throw new StudyReadException(check.refusal(studyPath));
    }
  }
}
