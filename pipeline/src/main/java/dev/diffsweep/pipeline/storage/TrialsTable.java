package dev.diffsweep.pipeline.storage;

import dev.diffsweep.contract.Tables;
import dev.diffsweep.pipeline.trial.TrainerLauncher;
import dev.diffsweep.pipeline.trial.TrialOutcome;
import dev.diffsweep.pipeline.trial.TrialRow;
import dev.diffsweep.pipeline.tune.state.TuningTrialRow;
import dev.diffsweep.trainer.run.ParquetSchemas;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.schema.MessageType;

/**
 * The trials table: one row per trial of the study, rewritten whole by the driver whenever a trial
 * changes state, as a single Parquet file swapped in by one rename, so a reader sees one consistent
 * version. Written with Parquet directly, not a Spark job: the driver updates it while its
 * executors are busy, and a rerun with nothing to train needs no Spark at all.
 */
public final class TrialsTable {
  static final String FILE = "part-00000.parquet";
  static final MessageType SCHEMA = ParquetSchemas.of(Tables.TRIALS);

  private static final com.google.gson.Gson GSON = new com.google.gson.Gson();
  private final StudyFolder folder;

  public TrialsTable(StudyFolder folder) {
    this.folder = folder;
  }

  public Path file() {
    return new Path(folder.trialsTable(), FILE);
  }

  /** Replaces the table with {@code rows}. */
  public void write(List<TrialRow> rows) throws IOException {
    // On an object store the upload at close replaces the table in one step; a rename would not.
    Path temporary =
        folder.isObjectStore()
            ? file()
            : new Path(folder.tablesFolder(), ".trials-" + UUID.randomUUID() + ".parquet");
    SimpleGroupFactory factory = new SimpleGroupFactory(SCHEMA);
    try (ParquetWriter<Group> writer =
        ExampleParquetWriter.builder(
                HadoopOutputFile.fromPath(temporary, folder.fileSystem().getConf()))
            .withType(SCHEMA)
            .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
            .build()) {
      for (TrialRow row : rows) {
        writer.write(toGroup(factory, row));
      }
    }
    if (temporary.equals(file())) {
      return;
    }
    folder.fileSystem().mkdirs(folder.trialsTable());
    FileContext context =
        FileContext.getFileContext(folder.fileSystem().getUri(), folder.fileSystem().getConf());
    context.rename(temporary, file(), Options.Rename.OVERWRITE);
    // The local file system leaves a checksum file beside the temporary one.
    folder
        .fileSystem()
        .delete(new Path(temporary.getParent(), "." + temporary.getName() + ".crc"), false);
  }

  private static Group toGroup(SimpleGroupFactory factory, TrialRow row) {
    var trial = row.trial();
    Group group =
        factory
            .newGroup()
            .append("trial_id", trial.id())
            .append("study", trial.study())
            .append("algorithm", trial.algorithm())
            .append("task", trial.task())
            .append("seed", trial.seed());
    Group map = group.addGroup("hyperparameters");
    Map<String, String> settings = TrainerLauncher.trainerSettings(trial);
    for (Map.Entry<String, String> entry : settings.entrySet()) {
      map.addGroup("key_value").append("key", entry.getKey()).append("value", entry.getValue());
    }
    group.append("total_steps", trial.steps());
    String diffusionSteps = trial.hyperparameters().get("diffusion_steps");
    if (diffusionSteps != null) {
      group.append("diffusion_steps", Integer.parseInt(diffusionSteps));
    }
    String learningRate = trial.hyperparameters().get("learning_rate");
    if (learningRate != null) {
      group.append("learning_rate", Double.parseDouble(learningRate));
    }
    group
        .append("eval_interval", trial.evaluation().everySteps())
        .append("eval_episodes", trial.evaluation().episodes())
        .append("status", row.tuning() != null ? row.tuning().status() : row.status().tableName())
        .append("attempts", row.attempts())
        .append("env_steps", row.envSteps());
    TrialOutcome outcome = row.outcome();
    if (outcome != null) {
      group.append("wall_time_s", outcome.wallTimeS());
      appendIfPresent(group, "final_eval_return", outcome.finalEvalReturn());
      appendIfPresent(group, "best_eval_return", outcome.bestEvalReturn());
      appendIfPresent(group, "error", outcome.error());
      appendIfPresent(group, "code_version", outcome.codeVersion());
      appendIfPresent(group, "mujoco_version", outcome.mujocoVersion());
      appendIfPresent(group, "torch_version", outcome.torchVersion());
      appendIfPresent(group, "host", outcome.host());
      appendIfPresent(group, "device", outcome.device());
    }
    var tuning = row.tuning();
    if (tuning != null) {
      if (outcome == null) {
        appendIfPresent(group, "error", tuning.error());
      }
      group
          .append("tune_number", tuning.number())
          .append("config_id", tuning.configId())
          .append("tune_config", GSON.toJson(new TreeMap<>(tuning.params())))
          .append("cohort", tuning.cohort())
          .append("rung", tuning.rung())
          .append("rung_values", tuning.rungValues());
      if (!Double.isNaN(tuning.objective())) {
        group.append("objective", tuning.objective());
      }
      group.append("revision", tuning.revision());
    }
    return group;
  }

  /**
   * The tuner's records kept in the table (one per configuration, from its seeds' rows), or none
   * when there is no table yet.
   */
  public List<TuningTrialRow> readTuning() throws IOException {
    Map<Integer, TuningTrialRow> byNumber = new TreeMap<>();
    if (!folder.fileSystem().exists(file())) {
      return List.of();
    }
    ParquetGroups.read(
        folder.fileSystem(),
        file(),
        group -> {
          if (!ParquetGroups.has(group, "tune_number")) {
            return;
          }
          int number = group.getInteger("tune_number", 0);
          Map<String, String> params =
              GSON.fromJson(
                  group.getString("tune_config", 0),
                  new com.google.gson.reflect.TypeToken<Map<String, String>>() {}.getType());
          byNumber.put(
              number,
              new TuningTrialRow(
                  number,
                  group.getString("config_id", 0),
                  params,
                  group.getInteger("cohort", 0),
                  group.getInteger("rung", 0),
                  group.getString("status", 0),
                  group.getString("rung_values", 0),
                  ParquetGroups.has(group, "objective")
                      ? group.getDouble("objective", 0)
                      : Double.NaN,
                  ParquetGroups.has(group, "error") ? group.getString("error", 0) : null,
                  group.getLong("revision", 0)));
        });
    return List.copyOf(byNumber.values());
  }

  private static void appendIfPresent(Group group, String field, Double value) {
    if (value != null) {
      group.append(field, value);
    }
  }

  private static void appendIfPresent(Group group, String field, String value) {
    if (value != null) {
      group.append(field, value);
    }
  }
}
