package dev.diffsweep.pipeline.storage;

import dev.diffsweep.analysis.verify.StudyVerification;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroup;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.MessageType;

/**
 * Un-commits damaged trials so that the next {@code study} retrains them, and only them. Per trial:
 * its run state (run.json, trainer logs, any checkpoint, replay buffer or parts left in the run
 * folder) moves into {@code runs/ID/repaired-TIME/}, its partitions are deleted, and its {@code
 * outcome.json} moves there last, which un-commits it; a crash in between leaves it committed and
 * damaged, so {@code verify --repair} repairs it again. Its trials-table row becomes {@code
 * queued}.
 *
 * <p>A checkpoint left in the run folder is kept (moved aside) but not resumed from: it covers env
 * steps whose rows lived only in the committed parts, so resuming would lose them. Commits delete
 * checkpoints anyway, so a repaired trial retrains from the start.
 */
public final class StudyRepair {
  /** Run-folder entries that would make the trainer resume or say "already completed". */
  private static final Set<String> RUN_STATE =
      Set.of("run.json", "checkpoint", "replay", "episodes", "evaluations");

  private static final Set<String> OUTCOME_COLUMNS =
      Set.of(
          "wall_time_s",
          "final_eval_return",
          "best_eval_return",
          "error",
          "code_version",
          "mujoco_version",
          "torch_version",
          "host",
          "device");

  private final StudyFolder folder;

  public StudyRepair(StudyFolder folder) {
    this.folder = folder;
  }

  /**
   * Un-commits {@code trialIds}.
   *
   * @return the folder under each trial's run folder that now holds what was moved aside, by name
   */
  public String repair(List<String> trialIds) throws IOException {
    String aside =
        "repaired-"
            + DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
                .withZone(ZoneOffset.UTC)
                .format(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    for (String trialId : trialIds) {
      unCommit(trialId, aside);
    }
    markQueued(Set.copyOf(trialIds));
    return aside;
  }

  private void unCommit(String trialId, String aside) throws IOException {
    FileSystem fs = folder.fileSystem();
    Path run = folder.runFolder(trialId);
    Path target = new Path(run, aside);
    fs.mkdirs(target);
    for (FileStatus entry : fs.listStatus(run)) {
      String name = entry.getPath().getName();
      if (RUN_STATE.contains(name) || name.startsWith("trainer-attempt-")) {
        move(fs, entry.getPath(), new Path(target, name));
      }
    }
    for (String table : StudyVerification.TABLES) {
      FileStatus[] partitions =
          fs.globStatus(
              new Path(folder.tablesFolder(), table + "/algorithm=*/task=*/trial_id=" + trialId));
      if (partitions != null) {
        for (FileStatus partition : partitions) {
          fs.delete(partition.getPath(), true);
        }
      }
    }
    Path outcome = new Path(run, TrialCommit.OUTCOME_FILE);
    if (fs.exists(outcome)) {
      move(fs, outcome, new Path(target, TrialCommit.OUTCOME_FILE));
    }
  }

  private static void move(FileSystem fs, Path from, Path to) throws IOException {
    if (!fs.rename(from, to)) {
      throw new IOException("cannot move " + from + " to " + to);
    }
  }

  /** Rewrites the trials table with the repaired trials' rows back at queued, if it exists. */
  private void markQueued(Set<String> trialIds) throws IOException {
    TrialsTable table = new TrialsTable(folder);
    FileSystem fs = folder.fileSystem();
    if (!fs.exists(table.file())) {
      return;
    }
    List<Group> rows = new ArrayList<>();
    MessageType schema = ParquetGroups.read(fs, table.file(), rows::add);
    Path temporary = new Path(folder.tablesFolder(), ".trials-" + UUID.randomUUID() + ".parquet");
    try (ParquetWriter<Group> writer =
        ExampleParquetWriter.builder(HadoopOutputFile.fromPath(temporary, fs.getConf()))
            .withType(schema)
            .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
            .build()) {
      for (Group row : rows) {
        boolean repaired = trialIds.contains(row.getString("trial_id", 0));
        writer.write(repaired ? queued(row) : row);
      }
    }
    FileContext context = FileContext.getFileContext(fs.getUri(), fs.getConf());
    context.rename(temporary, table.file(), Options.Rename.OVERWRITE);
    fs.delete(new Path(temporary.getParent(), "." + temporary.getName() + ".crc"), false);
  }

  /** The row of a trial that has not run: no outcome, no attempts, no env steps. */
  private static Group queued(Group row) {
    GroupType type = row.getType();
    Group copy = new SimpleGroup(type);
    for (int field = 0; field < type.getFieldCount(); field++) {
      String name = type.getFieldName(field);
      if (OUTCOME_COLUMNS.contains(name)) {
        continue;
      }
      switch (name) {
        case "status" -> copy.add(field, "queued");
        case "attempts" -> copy.add(field, 0);
        case "env_steps" -> copy.add(field, 0L);
        default -> copyField(row, copy, field);
      }
    }
    return copy;
  }

  private static void copyField(Group from, Group to, int field) {
    var type = from.getType().getType(field);
    for (int i = 0; i < from.getFieldRepetitionCount(field); i++) {
      if (!type.isPrimitive()) {
        Group child = to.addGroup(field);
        Group source = from.getGroup(field, i);
        for (int inner = 0; inner < source.getType().getFieldCount(); inner++) {
          copyField(source, child, inner);
        }
        continue;
      }
      switch (type.asPrimitiveType().getPrimitiveTypeName()) {
        case INT32 -> to.add(field, from.getInteger(field, i));
        case INT64 -> to.add(field, from.getLong(field, i));
        case DOUBLE -> to.add(field, from.getDouble(field, i));
        case FLOAT -> to.add(field, from.getFloat(field, i));
        case BOOLEAN -> to.add(field, from.getBoolean(field, i));
        default -> to.add(field, from.getBinary(field, i));
      }
    }
  }
}
