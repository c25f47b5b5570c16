package dev.diffsweep.pipeline.spark;

import dev.diffsweep.pipeline.storage.StudyFolder;
import dev.diffsweep.pipeline.storage.StudyLease;
import dev.diffsweep.pipeline.storage.TrialCommit;
import dev.diffsweep.pipeline.storage.TrialsTable;
import dev.diffsweep.pipeline.study.Study;
import dev.diffsweep.pipeline.trial.Trial;
import dev.diffsweep.pipeline.trial.TrialOutcome;
import dev.diffsweep.pipeline.trial.TrialRow;
import dev.diffsweep.pipeline.trial.TrialStatus;
import dev.diffsweep.pipeline.trial.TuningTrials;
import dev.diffsweep.pipeline.tune.TuneSpec;
import dev.diffsweep.pipeline.tune.Tuner;
import dev.diffsweep.pipeline.tune.pruner.RungSchedule;
import dev.diffsweep.pipeline.tune.state.TuningState;
import dev.diffsweep.pipeline.tune.state.TuningTrial;
import dev.diffsweep.pipeline.tune.state.TuningTrialRow;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.SparkConf;

/**
 * Runs a study's tune block: rebuilds the tuning state from the study's trials table, lets the
 * tuner go on from there (each rung one Spark job), and writes every state change to the table
 * before the tuner acts on it, so a killed tuning resumes and a finished one trains nothing.
 */
public final class TuneDriver extends LeasedDriver<TuneDriver.Result> {
  /** What a tuning run did; {@code runsTrained} counts trainer runs that trained anything. */
  public record Result(TuningState state, int runsTrained, String folder) {}

  public TuneDriver(Study study, SparkConf conf, PrintWriter out) {
    this(study, conf, out, false);
  }

  /**
   * @param force take the study's lease over even from a driver that renewed it lately
   */
  public TuneDriver(Study study, SparkConf conf, PrintWriter out, boolean force) {
    super("tune", study, conf, out, force);
    if (study.tune() == null) {
      throw new IllegalArgumentException(
          study.source() + " has no tune block; run it with `diffsweep study`");
    }
  }

  public Result run() throws IOException {
    return run(result -> {});
  }

  /** Tunes, then runs {@code afterwards} (report, aggregation job) before releasing the lease. */
  public Result run(Afterwards<Result> afterwards) throws IOException {
    TuneSpec spec = study.tune();
    Map<String, String> hadoopSettings = SparkSessions.hadoopSettings(conf);
    StudyFolder folder = StudyFolder.open(study.folder(), hadoopSettings);
    if (!folder.isLocal()) {
      throw new IllegalArgumentException(
          "study output "
              + folder.root()
              + ": tuning needs a local or mounted (file:) study folder; studies without a tune"
              + " block run on HDFS and S3");
    }
    return underLease(folder, lease -> run(spec, folder, hadoopSettings, lease), afterwards);
  }

  private Result run(
      TuneSpec spec, StudyFolder folder, Map<String, String> hadoopSettings, StudyLease lease)
      throws IOException {
    folder.claim(study);
    TrialsTable table = new TrialsTable(folder);
    TuningState state = TuningState.fromRows(spec.space(), spec.direction(), table.readTuning());
    String task = study.tasks().get(0);
    Tuner tuner = spec.tuner(study.steps().forTask(task), study.evaluation().everySteps());
    TableWriter writer = new TableWriter(spec, tuner.rungs(), table, new TrialCommit(folder));
    state.onUpdate(update -> writer.write(state, update));
    tuner.onProgress(this::log);
    log(
        String.format(
            "%d of %d configurations proposed before; folder %s",
            state.size(), spec.trials(), folder.root()));
    int trained;
    try (SparkTrialRunner runner =
        new SparkTrialRunner(study, spec.space(), conf, folder, hadoopSettings, lease, this::log)) {
      tuner.run(state, runner);
      trained = runner.runsTrained();
    }
    writer.write(state, List.of());
    if (trained == 0) {
      log("nothing to train: every configuration is finished");
    }
    return new Result(state, trained, folder.root().toString());
  }

  /** Writes the whole trials table for the state with an update applied: one row per run. */
  private final class TableWriter {
    private final TuneSpec spec;
    private final RungSchedule rungs;
    private final TrialsTable table;
    private final TrialCommit commit;

    TableWriter(TuneSpec spec, RungSchedule rungs, TrialsTable table, TrialCommit commit) {
      this.spec = spec;
      this.rungs = rungs;
      this.table = table;
      this.commit = commit;
    }

    void write(TuningState state, List<TuningTrial> update) {
      Map<Integer, TuningTrial> records = new TreeMap<>();
      state.history().trials().forEach(record -> records.put(record.number(), record));
      update.forEach(record -> records.put(record.number(), record));
      List<TrialRow> rows = new ArrayList<>();
      try {
        for (TuningTrial record : records.values()) {
          var tuning = TuningTrialRow.of(record, spec.space());
          long envSteps =
              record.rungValues().isEmpty() ? 0 : rungs.budget(record.rungValues().lastKey());
          for (int seed : spec.seeds()) {
            Trial trial = TuningTrials.trial(study, spec.space(), record.proposal(), seed);
            TrialOutcome outcome = commit.outcome(trial.id()).orElse(null);
            rows.add(new TrialRow(trial, TrialStatus.QUEUED, 0, envSteps, outcome, tuning));
          }
        }
        table.write(rows);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
