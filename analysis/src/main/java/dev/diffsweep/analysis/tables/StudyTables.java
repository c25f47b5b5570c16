package dev.diffsweep.analysis.tables;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.lit;

import dev.diffsweep.analysis.curves.RunningCurve;
import dev.diffsweep.contract.Tables;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.jdk.javaapi.CollectionConverters;

/** Reads a study's tables with Spark, keeping to committed trials. */
public final class StudyTables {
  /**
   * The evaluations columns the analysis reads, partition columns included. Given explicitly so
   * that Spark does not infer partition value types: trial ids are hex hashes, and one like "1234"
   * or "12e345" would otherwise become a number (the latter also takes minutes to parse as a
   * decimal with a huge exponent).
   */
  private static final StructType EVALUATIONS =
      SparkSchemas.of(
          Tables.EVALUATIONS, "env_step", "return_mean", "algorithm", "task", "trial_id");

  /** A running trial's evaluation parts, as its trainer writes them (no partition columns). */
  private static final StructType RUN_EVALUATIONS =
      SparkSchemas.of(Tables.EVALUATIONS, "trial_id", "env_step", "return_mean");

  private static final String RUNNING = "running";

  private static final String LISTING_THRESHOLD =
      "spark.sql.sources.parallelPartitionDiscovery.threshold";

  private final SparkSession spark;
  private final StudyLayout layout;
  private final FileSystem fs;
  private final boolean snapshotTrials;
  private Path trialsSnapshot;

  public StudyTables(SparkSession spark, StudyLayout layout) {
    this(spark, layout, false);
  }

  /**
   * @param snapshotTrials read the trials table from a private copy: while a study runs, its driver
   *     swaps in a new file every few seconds, and Spark, which reads a file's footer at the length
   *     it listed, would otherwise often read a file replaced in between
   */
  public StudyTables(SparkSession spark, StudyLayout layout, boolean snapshotTrials) {
    this.spark = spark;
    this.layout = layout;
    this.snapshotTrials = snapshotTrials;
    try {
      this.fs = layout.root().getFileSystem(spark.sparkContext().hadoopConfiguration());
    } catch (IOException e) {
      throw new StudyReadException("cannot open the file system of " + layout.root(), e);
    }
  }

  public StudyLayout layout() {
    return layout;
  }

  /** The study folder exists (it may still be empty). */
  public boolean studyExists() {
    try {
      return fs.exists(layout.root());
    } catch (IOException e) {
      throw new StudyReadException("cannot read " + layout.root(), e);
    }
  }

  /**
   * Refuses a path that is not a study folder, before anything is written there: a file, or a
   * folder with neither study.conf (a driver writes it before anything else) nor tables/.
   */
  public void checkIsStudy(String given) {
    try {
      if (!fs.getFileStatus(layout.root()).isDirectory()) {
        throw new StudyReadException(
            given
                + " is a file, not a study folder: give the folder a study wrote (with study.conf)");
      }
      if (!fs.exists(layout.studyConf()) && !fs.exists(new Path(layout.root(), "tables"))) {
        throw new StudyReadException(
            given
                + " is not a study folder (no study.conf or tables/ in it), so nothing was written"
                + " there: give the folder a study wrote, e.g. work/studies/NAME");
      }
    } catch (IOException e) {
      throw new StudyReadException("cannot read " + layout.root() + ": " + e.getMessage(), e);
    }
  }

  /** Every trial of the trials table and which of them are committed. */
  public StudyInventory inventory() {
    List<TrialRecord> trials = readTrials();
    Set<String> withEpisodes = trialFolders(layout.episodes());
    Set<String> withEvaluations = trialFolders(layout.evaluations());
    Set<String> committed = new HashSet<>();
    for (TrialRecord trial : trials) {
      if (TrialRecord.COMPLETED.equals(trial.status())
          && withEpisodes.contains(trial.trialId())
          && withEvaluations.contains(trial.trialId())) {
        committed.add(trial.trialId());
      }
    }
    return new StudyInventory(trials, committed, withEvaluations);
  }

  /**
   * The evaluations of the study's committed trials (algorithm, task, trial_id, env_step,
   * return_mean). Trials without an evaluations folder have no rows anyway, so only the few
   * uncommitted folders are filtered out, on the trial_id partition column: Spark skips them before
   * reading, and the plan stays small (a set of all 10 000 committed ids made every plan
   * description megabytes long) and GPU-able (a join with a local table is not).
   */
  public Dataset<Row> committedEvaluations(StudyInventory inventory) {
    Set<String> uncommitted = inventory.uncommittedEvaluations();
    return guard(
        () -> {
          Dataset<Row> all =
              listedOnDriver(
                  () ->
                      localReads(spark.read())
                          .schema(EVALUATIONS)
                          .parquet(layout.evaluations().toString()));
          Dataset<Row> committed =
              uncommitted.isEmpty()
                  ? all
                  : all.where(
                      org.apache.spark.sql.functions.not(
                          col("trial_id").isInCollection(uncommitted)));
          return committed.select("algorithm", "task", "trial_id", "env_step", "return_mean");
        });
  }

  /**
   * The curves the running trials (status {@code running}, not committed) have written so far:
   * their parts under runs/ID/evaluations, leaving out hidden and temporary files (names starting
   * with '.' or '_'). For the live report's plots only; nothing here enters a statistic.
   *
   * @param configOf the configuration label of a trial
   */
  public List<RunningCurve> runningCurves(
      StudyInventory inventory, Function<TrialRecord, String> configOf) {
    Map<String, TrialRecord> running = new LinkedHashMap<>();
    for (TrialRecord trial : inventory.trials()) {
      if (RUNNING.equals(trial.status())
          && !inventory.committedTrialIds().contains(trial.trialId())) {
        running.put(trial.trialId(), trial);
      }
    }
    List<Row> rows = new ArrayList<>();
    for (String trialId : running.keySet()) {
      rows.addAll(readRunParts(trialId));
    }
    Map<String, TreeMap<Long, Double>> points = new HashMap<>();
    for (Row row : rows) {
      if (!row.isNullAt(0)
          && !row.isNullAt(1)
          && !row.isNullAt(2)
          && running.containsKey(row.getString(0))) {
        points
            .computeIfAbsent(row.getString(0), id -> new TreeMap<>())
            .put(row.getLong(1), row.getDouble(2));
      }
    }
    List<RunningCurve> curves = new ArrayList<>();
    running.forEach(
        (id, trial) -> {
          TreeMap<Long, Double> curve = points.get(id);
          if (curve != null) {
            curves.add(
                new RunningCurve(
                    id,
                    trial.algorithm(),
                    trial.task(),
                    trial.seed(),
                    configOf.apply(trial),
                    curve.keySet().stream().mapToDouble(Long::doubleValue).toArray(),
                    curve.values().stream().mapToDouble(Double::doubleValue).toArray()));
          }
        });
    return curves;
  }

  /**
   * The rows of a running trial's evaluation parts; none when it has written none, or when it
   * committed (its folder moved into the tables) between the trials table's read and this one.
   */
  private List<Row> readRunParts(String trialId) {
    Path folder = layout.runEvaluations(trialId);
    List<String> parts = new ArrayList<>();
    try {
      for (FileStatus file : fs.listStatus(folder)) {
        String name = file.getPath().getName();
        if (file.isFile()
            && name.endsWith(".parquet")
            && !name.startsWith(".")
            && !name.startsWith("_")) {
          parts.add(file.getPath().toString());
        }
      }
    } catch (FileNotFoundException notYetOrCommitted) {
      return List.of();
    } catch (IOException e) {
      throw new StudyReadException("cannot list " + folder, e);
    }
    if (parts.isEmpty()) {
      return List.of();
    }
    try {
      return localReads(spark.read())
          .schema(RUN_EVALUATIONS)
          .parquet(parts.toArray(String[]::new))
          .select("trial_id", "env_step", "return_mean")
          .collectAsList();
    } catch (Exception e) { // Spark throws its checked SparkException undeclared
      if (!exists(folder)) {
        return List.of(); // committed while it was read: the next report has it as committed
      }
      throw e;
    }
  }

  /**
   * Turns off Parquet's vectored reads for a local study. They pay off on object stores; locally,
   * through Hadoop's checksummed file system, each file's ranges are read with {@code
   * CompletableFuture.thenCombineAsync}, and on a 2-core machine (common pool parallelism 1) that
   * starts a new thread per call: 10 000 threads for a 10 000-trial study.
   */
  private DataFrameReader localReads(DataFrameReader reader) {
    return isLocal() ? reader.option("parquet.hadoop.vectored.io.enabled", "false") : reader;
  }

  /**
   * Runs {@code read} (a {@code spark.read()}, which lists its files eagerly) with the listing on
   * the driver when the study is on the local file system. Above {@code
   * spark.sql.sources.parallelPartitionDiscovery.threshold} (32) paths per folder level Spark lists
   * in parallel with a job per folder: a study's trial folders sit in a folder per algorithm and
   * task, so a 10 000-trial study took 60 jobs of 167 one-folder tasks (40 s on 2 busy cores),
   * where listing the same folders on the driver takes about a second. Remote stores (HDFS, S3),
   * where each listing is a round trip, keep Spark's parallel listing.
   */
  private <T> T listedOnDriver(Supplier<T> read) {
    if (!isLocal()) {
      return read.get();
    }
    String before = spark.conf().get(LISTING_THRESHOLD, null);
    spark.conf().set(LISTING_THRESHOLD, Integer.toString(Integer.MAX_VALUE));
    try {
      return read.get();
    } finally {
      if (before == null) {
        spark.conf().unset(LISTING_THRESHOLD);
      } else {
        spark.conf().set(LISTING_THRESHOLD, before);
      }
    }
  }

  /**
   * Runs a read and, if it fails, names the malformed Parquet file behind it when there is one.
   * Spark reads lazily, so callers wrap the action that triggers the read too.
   */
  public <T> T guard(Supplier<T> read) {
    try {
      return read.get();
    } catch (Exception e) { // Spark throws its checked SparkException undeclared
      Optional<Path> culprit;
      try {
        culprit = ParquetFileCheck.firstMalformed(fs, new Path(layout.root(), "tables"));
      } catch (IOException listing) {
        e.addSuppressed(listing);
        culprit = Optional.empty();
      }
      if (culprit.isPresent()) {
        throw new StudyReadException(
            "malformed Parquet file " + culprit.get() + " (not a Parquet file or truncated)", e);
      }
      if (e instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new StudyReadException(
          "reading study " + layout.root() + " failed: " + e.getMessage(), e);
    }
  }

  /**
   * The tuner's rows of a tuning study, the current revision of each run; empty for a grid study,
   * whose trials table has no tuning columns or leaves them null.
   */
  public List<TuningRow> tuningRows() {
    Optional<Dataset<Row>> table = trialsTable();
    if (table.isEmpty() || !hasColumn(table.get().schema(), "tune_number")) {
      return List.of();
    }
    StructType schema = table.get().schema();
    Dataset<Row> tuning =
        table
            .get()
            .where(col("tune_number").isNotNull())
            .select(
                col("trial_id"),
                optional(schema, "seed").cast("int"),
                col("algorithm"),
                col("tune_number").cast("int"),
                col("config_id"),
                from_json(
                    col("tune_config"),
                    DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType)),
                col("cohort").cast("int"),
                col("rung").cast("int"),
                col("status"),
                col("rung_values"),
                col("objective").cast("double"),
                col("revision").cast("long"),
                optional(schema, "total_steps").cast("long"));
    Map<String, TuningRow> current = new HashMap<>();
    for (Row row : guard(tuning::collectAsList)) {
      TuningRow run = toTuningRow(row);
      current.merge(run.trialId(), run, (a, b) -> a.revision() >= b.revision() ? a : b);
    }
    return current.values().stream()
        .sorted(
            java.util.Comparator.comparingInt(TuningRow::number).thenComparingInt(TuningRow::seed))
        .toList();
  }

  private static TuningRow toTuningRow(Row row) {
    Map<String, String> config =
        row.isNullAt(5) ? Map.of() : CollectionConverters.asJava(row.<String, String>getMap(5));
    return new TuningRow(
        row.getString(0),
        row.isNullAt(1) ? 0 : row.getInt(1),
        row.getString(2),
        row.getInt(3),
        row.getString(4),
        new HashMap<>(config),
        row.isNullAt(6) ? 0 : row.getInt(6),
        row.isNullAt(7) ? 0 : row.getInt(7),
        row.getString(8),
        row.isNullAt(9) ? "" : row.getString(9),
        row.isNullAt(10) ? null : row.getDouble(10),
        row.isNullAt(11) ? 0 : row.getLong(11),
        row.isNullAt(12) ? null : row.getLong(12));
  }

  /** The trials table with the union of its files' columns, if the study has one. */
  private Optional<Dataset<Row>> trialsTable() {
    if (!exists(layout.trials())) {
      return Optional.empty();
    }
    Path table = snapshotTrials ? trialsSnapshot() : layout.trials();
    return Optional.of(
        guard(() -> spark.read().option("mergeSchema", "true").parquet(table.toString())));
  }

  /**
   * A local copy of the trials table's files, each read whole through one open (a rename over it
   * then leaves the open file as it was); without checksum files, which are swapped separately.
   */
  private Path trialsSnapshot() {
    if (trialsSnapshot != null) {
      return trialsSnapshot;
    }
    FileSystem source = fs instanceof LocalFileSystem local ? local.getRawFileSystem() : fs;
    try {
      java.nio.file.Path folder = Files.createTempDirectory("diffsweep-trials-");
      folder.toFile().deleteOnExit();
      for (FileStatus file : source.listStatus(layout.trials())) {
        String name = file.getPath().getName();
        if (!file.isFile() || name.startsWith(".") || name.startsWith("_")) {
          continue;
        }
        java.nio.file.Path copy = folder.resolve(name);
        try (FSDataInputStream in = source.open(file.getPath())) {
          Files.write(copy, in.readAllBytes());
        } catch (FileNotFoundException replaced) {
          continue; // swapped out between listing and opening: its successor is listed too
        }
        copy.toFile().deleteOnExit();
      }
      trialsSnapshot = new Path(folder.toUri());
      return trialsSnapshot;
    } catch (IOException e) {
      throw new StudyReadException("cannot copy the trials table " + layout.trials(), e);
    }
  }

  private List<TrialRecord> readTrials() {
    Optional<Dataset<Row>> table = trialsTable();
    if (table.isEmpty()) {
      return List.of();
    }
    Dataset<Row> raw = table.get();
    StructType schema = raw.schema();
    Dataset<Row> trials =
        raw.select(
            col("trial_id"),
            optional(schema, "study"),
            col("algorithm"),
            col("task"),
            optional(schema, "seed").cast("int").as("seed"),
            optional(schema, "hyperparameters"),
            optional(schema, "status"),
            optional(schema, "total_steps").cast("long").as("total_steps"),
            optional(schema, "code_version"),
            optional(schema, "mujoco_version"),
            optional(schema, "torch_version"),
            optional(schema, "device"));
    List<Row> rows = guard(trials::collectAsList);
    Map<String, TrialRecord> byId = new HashMap<>();
    for (Row row : rows) {
      TrialRecord trial = toRecord(row);
      byId.merge(trial.trialId(), trial, (a, b) -> a.statusRank() >= b.statusRank() ? a : b);
    }
    List<TrialRecord> result = new ArrayList<>(byId.values());
    result.sort(
        java.util.Comparator.comparing(TrialRecord::algorithm)
            .thenComparing(TrialRecord::task)
            .thenComparingInt(TrialRecord::seed)
            .thenComparing(TrialRecord::trialId));
    return result;
  }

  private static TrialRecord toRecord(Row row) {
    Map<String, String> hyperparameters =
        row.isNullAt(5) ? Map.of() : CollectionConverters.asJava(row.<String, String>getMap(5));
    return new TrialRecord(
        row.getString(0),
        row.getString(1),
        row.getString(2),
        row.getString(3),
        row.isNullAt(4) ? 0 : row.getInt(4),
        new HashMap<>(hyperparameters),
        row.getString(6),
        row.isNullAt(7) ? null : row.getLong(7),
        row.getString(8),
        row.getString(9),
        row.getString(10),
        row.getString(11));
  }

  private static boolean hasColumn(StructType schema, String name) {
    return Arrays.asList(schema.fieldNames()).contains(name);
  }

  private static Column optional(StructType schema, String name) {
    if (hasColumn(schema, name)) {
      return col(name);
    }
    return name.equals("hyperparameters")
        ? lit(null).cast("map<string,string>").as(name)
        : lit(null).cast("string").as(name);
  }

  /** Trial ids with a {@code algorithm=A/task=T/trial_id=ID} folder under {@code table}. */
  private Set<String> trialFolders(Path table) {
    if (isLocal()) {
      java.io.File folder =
          fs instanceof LocalFileSystem local
              ? local.pathToFile(table)
              : ((RawLocalFileSystem) fs).pathToFile(table);
      return localTrialFolders(folder.toPath());
    }
    Set<String> ids = new HashSet<>();
    try {
      FileStatus[] folders = fs.globStatus(new Path(table, "algorithm=*/task=*/trial_id=*"));
      if (folders != null) {
        for (FileStatus folder : folders) {
          if (folder.isDirectory()) {
            ids.add(folder.getPath().getName().substring("trial_id=".length()));
          }
        }
      }
    } catch (IOException e) {
      throw new StudyReadException("cannot list " + table, e);
    }
    return ids;
  }

  /**
   * {@link #trialFolders} on the local file system by names: Hadoop's glob builds a status (three
   * stat calls) and a URI-parsed path for each of a study's 10 000 trial folders per table, ten
   * times slower than reading the folders' names and checking that each is a folder.
   */
  private static Set<String> localTrialFolders(java.nio.file.Path table) {
    Set<String> ids = new HashSet<>();
    if (!Files.isDirectory(table)) {
      return ids;
    }
    try {
      for (java.nio.file.Path algorithm : children(table, "algorithm=")) {
        for (java.nio.file.Path task : children(algorithm, "task=")) {
          for (java.nio.file.Path trial : children(task, "trial_id=")) {
            if (Files.isDirectory(trial)) {
              ids.add(trial.getFileName().toString().substring("trial_id=".length()));
            }
          }
        }
      }
    } catch (IOException | java.io.UncheckedIOException e) {
      throw new StudyReadException("cannot list " + table, e);
    }
    return ids;
  }

  /** Entries of {@code folder} whose names start with {@code prefix} (none if not a folder). */
  private static List<java.nio.file.Path> children(java.nio.file.Path folder, String prefix)
      throws IOException {
    List<java.nio.file.Path> matching = new ArrayList<>();
    if (!Files.isDirectory(folder)) {
      return matching;
    }
    try (DirectoryStream<java.nio.file.Path> entries = Files.newDirectoryStream(folder)) {
      for (java.nio.file.Path entry : entries) {
        if (entry.getFileName().toString().startsWith(prefix)) {
          matching.add(entry);
        }
      }
    }
    return matching;
  }

  private boolean isLocal() {
    return fs instanceof LocalFileSystem || fs instanceof RawLocalFileSystem;
  }

  private boolean exists(Path path) {
    try {
      return fs.exists(path);
    } catch (IOException e) {
      throw new StudyReadException("cannot read " + path, e);
    }
  }
}
