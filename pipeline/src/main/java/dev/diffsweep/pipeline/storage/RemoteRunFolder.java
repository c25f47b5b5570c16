package dev.diffsweep.pipeline.storage;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A trial's run folder on a study file system that trainers cannot write directly (HDFS, S3): the
 * trainer works in a local scratch folder, and this class keeps the study's copy of it.
 *
 * <p>On the study file system, {@code runs/ID/} holds {@code run.json} (for progress only), the
 * part files a checkpoint covers under {@code episodes/} and {@code evaluations/}, the replay
 * segments under {@code replay/}, and each uploaded checkpoint under {@code
 * checkpoints/ENV_STEPS/}, whose {@code manifest.json} is written last: a checkpoint exists there
 * exactly when its manifest does, and then every part and segment it needs is already there.
 * Nothing is renamed as a folder, so this holds on S3 as on HDFS. Files are replaced whole, by
 * name: a repeated upload overwrites, it never adds rows.
 */
public final class RemoteRunFolder {
  static final String CHECKPOINTS = "checkpoints";
  private static final String MANIFEST = "manifest.json";
  private static final String RUN_STATE = "run-state.json";
  private static final String AGENT = "agent.bin";
  private static final String[] TABLES = TrialCommit.TABLES;

  private final FileSystem fileSystem;
  private final Path remote;
  private final java.nio.file.Path local;
  private final boolean objectStore;
  private final Set<String> uploaded = new HashSet<>();
  private String lastManifest;
  private String lastRunJson;

  public RemoteRunFolder(StudyFolder folder, String trialId, java.nio.file.Path local) {
    this.fileSystem = folder.fileSystem();
    this.objectStore = folder.isObjectStore();
    this.remote = folder.runFolder(trialId);
    this.local = local;
  }

  public java.nio.file.Path local() {
    return local;
  }

  /**
   * Empties the local scratch folder and fills it with the latest complete checkpoint found on the
   * study file system (its state, its replay segments and the parts it covers), so that the trainer
   * resumes there; with none, the trainer starts over. Returns the checkpoint's env steps.
   */
  public Optional<Long> download() throws IOException {
    deleteLocal(local);
    Files.createDirectories(local);
    for (Path checkpoint : remoteCheckpointsNewestFirst()) {
      try {
        String manifestText = read(new Path(checkpoint, MANIFEST));
        JsonObject manifest = JsonParser.parseString(manifestText).getAsJsonObject();
        java.nio.file.Path into = local.resolve("checkpoint");
        Files.createDirectories(into);
        for (String name : List.of(AGENT, RUN_STATE)) {
          copyDown(new Path(checkpoint, name), into.resolve(name));
        }
        for (String segment : segmentNames(manifest)) {
          copyDown(
              new Path(new Path(remote, "replay"), segment),
              local.resolve("replay").resolve(segment));
          uploaded.add("replay/" + segment);
        }
        int parts = partsWritten(Files.readString(into.resolve(RUN_STATE)));
        for (String table : TABLES) {
          for (int i = 0; i < parts; i++) {
            String name = partName(i);
            copyDown(new Path(new Path(remote, table), name), local.resolve(table).resolve(name));
            uploaded.add(table + "/" + name);
          }
        }
        // The manifest last, as the trainer wrote it: the local checkpoint is now complete.
        Files.writeString(into.resolve(MANIFEST), manifestText);
        lastManifest = manifestText;
        return Optional.of(manifest.get("env_steps").getAsLong());
      } catch (IOException | RuntimeException incomplete) {
        // A checkpoint whose files are not all there: try the one before, else start over.
        deleteLocal(local);
        Files.createDirectories(local);
        uploaded.clear();
      }
    }
    return Optional.empty();
  }

  /**
   * Uploads what changed in the scratch folder since the last call: run.json (progress), and the
   * trainer's latest checkpoint if it is new, parts and segments first and its manifest last. A
   * checkpoint the trainer is replacing right now is skipped (its files do not match the manifest's
   * checksums); the next call takes the newer one.
   */
  public void sync() throws IOException {
    java.nio.file.Path runJson = local.resolve("run.json");
    String run = readLocal(runJson);
    if (run != null && !run.equals(lastRunJson)) {
      writeRemote(
          new Path(remote, "run.json"), run.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      lastRunJson = run;
    }
    java.nio.file.Path checkpoint = local.resolve("checkpoint");
    String manifestText = readLocal(checkpoint.resolve(MANIFEST));
    if (manifestText == null || manifestText.equals(lastManifest)) {
      return;
    }
    java.nio.file.Path staging = local.resolveSibling(local.getFileName() + ".upload");
    deleteLocal(staging);
    Files.createDirectories(staging);
    try {
      JsonObject manifest = JsonParser.parseString(manifestText).getAsJsonObject();
      JsonObject checksums = manifest.getAsJsonObject("crc32");
      for (String name : List.of(AGENT, RUN_STATE)) {
        java.nio.file.Path copy = staging.resolve(name);
        try {
          Files.copy(checkpoint.resolve(name), copy);
        } catch (NoSuchFileException replacedMeanwhile) {
          return;
        }
        if (crc(copy) != checksums.get(name).getAsLong()) {
          return; // the trainer swapped checkpoints while this copied: the next sync takes it
        }
      }
      int parts = partsWritten(Files.readString(staging.resolve(RUN_STATE)));
      for (String table : TABLES) {
        for (int i = 0; i < parts; i++) {
          if (!uploadOnce(table + "/" + partName(i))) {
            return;
          }
        }
      }
      List<String> segments = segmentNames(manifest);
      for (String segment : segments) {
        if (!uploadOnce("replay/" + segment)) {
          return;
        }
      }
      Path target =
          new Path(
              new Path(remote, CHECKPOINTS),
              String.format("%015d", manifest.get("env_steps").getAsLong()));
      for (String name : List.of(AGENT, RUN_STATE)) {
        writeRemote(new Path(target, name), Files.readAllBytes(staging.resolve(name)));
      }
      writeRemote(
          new Path(target, MANIFEST),
          manifestText.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      lastManifest = manifestText;
      dropOlderThan(target, segments);
    } finally {
      deleteLocal(staging);
    }
  }

  /**
   * Uploads the finished run's parts into the trial's table partitions, each by its name, and
   * removes anything else there (an earlier, interrupted commit's leftovers). Nothing is renamed as
   * a folder, so a crash midway leaves files the rerun overwrites; readers see none of them until
   * the outcome that {@link TrialCommit} writes after this commits the trial.
   */
  void publishParts(StudyFolder folder, dev.diffsweep.pipeline.trial.Trial trial)
      throws IOException {
    for (String table : TABLES) {
      java.nio.file.Path source = local.resolve(table);
      if (!Files.isDirectory(source)) {
        throw new IOException("the completed run " + local + " has no " + table + " folder");
      }
      Path target = folder.trialPartition(table, trial);
      fileSystem.mkdirs(target);
      Set<String> names = new HashSet<>();
      try (Stream<java.nio.file.Path> files = Files.list(source)) {
        for (java.nio.file.Path file : files.sorted().toList()) {
          String name = file.getFileName().toString();
          if (name.startsWith("part-") && name.endsWith(".parquet")) {
            writeRemote(new Path(target, name), Files.readAllBytes(file));
            names.add(name);
          }
        }
      }
      for (FileStatus file : fileSystem.listStatus(target)) {
        if (!names.contains(file.getPath().getName())) {
          fileSystem.delete(file.getPath(), true);
        }
      }
    }
  }

  /** After the commit: the study's copy of the run needs only run.json and the outcome. */
  void dropResumeState() throws IOException {
    for (String name : List.of(CHECKPOINTS, "replay", TABLES[0], TABLES[1])) {
      fileSystem.delete(new Path(remote, name), true);
    }
  }

  /** Copies the trainer's logs up, for a user who looks for them beside run.json. */
  public void uploadLogs() throws IOException {
    try (Stream<java.nio.file.Path> files = Files.list(local)) {
      for (java.nio.file.Path file : files.toList()) {
        String name = file.getFileName().toString();
        if (name.endsWith(".log") && Files.isRegularFile(file)) {
          writeRemote(new Path(remote, name), Files.readAllBytes(file));
        }
      }
    }
  }

  /** Removes the scratch folder. */
  public void deleteScratch() throws IOException {
    deleteLocal(local);
    try {
      Files.deleteIfExists(local.getParent()); // the study's folder, once its last trial is done
    } catch (java.nio.file.DirectoryNotEmptyException otherTrialsStillThere) {
      // kept for them
    }
  }

  /** The remote checkpoints that the latest one replaced, and the segments it no longer needs. */
  private void dropOlderThan(Path latest, List<String> segments) throws IOException {
    for (Path checkpoint : remoteCheckpointsNewestFirst()) {
      if (checkpoint.getName().compareTo(latest.getName()) < 0) {
        fileSystem.delete(checkpoint, true);
      }
    }
    Path replay = new Path(remote, "replay");
    if (fileSystem.exists(replay)) {
      Set<String> keep = new HashSet<>(segments);
      for (FileStatus file : fileSystem.listStatus(replay)) {
        if (!keep.contains(file.getPath().getName())) {
          fileSystem.delete(file.getPath(), false);
          uploaded.remove("replay/" + file.getPath().getName());
        }
      }
    }
  }

  /** Uploads a local file once per scratch folder; false when it is not (or no longer) there. */
  private boolean uploadOnce(String relative) throws IOException {
    if (uploaded.contains(relative)) {
      return true;
    }
    java.nio.file.Path file = local.resolve(relative);
    byte[] content;
    try {
      content = Files.readAllBytes(file);
    } catch (NoSuchFileException gone) {
      return false;
    }
    writeRemote(new Path(remote, relative), content);
    uploaded.add(relative);
    return true;
  }

  private List<Path> remoteCheckpointsNewestFirst() throws IOException {
    Path folder = new Path(remote, CHECKPOINTS);
    if (!fileSystem.exists(folder)) {
      return List.of();
    }
    List<Path> checkpoints = new ArrayList<>();
    for (FileStatus status : fileSystem.listStatus(folder)) {
      if (status.isDirectory()) {
        checkpoints.add(status.getPath());
      }
    }
    checkpoints.sort(Comparator.comparing(Path::getName).reversed());
    return checkpoints;
  }

  /**
   * Writes a file so that readers see it whole or not at all: on an object store in place (the
   * upload at close is atomic, a rename would be a copy), elsewhere to a hidden name, then renamed.
   */
  private void writeRemote(Path file, byte[] content) throws IOException {
    if (objectStore) {
      try (FSDataOutputStream out = fileSystem.create(file, true)) {
        out.write(content);
      }
      return;
    }
    Path temporary = new Path(file.getParent(), "." + file.getName() + "." + UUID.randomUUID());
    try (FSDataOutputStream out = fileSystem.create(temporary, true)) {
      out.write(content);
    }
    if (fileSystem.exists(file)) {
      fileSystem.delete(file, false);
    }
    if (!fileSystem.rename(temporary, file)) {
      fileSystem.delete(temporary, false);
      throw new IOException("cannot rename " + temporary + " to " + file);
    }
  }

  private void copyDown(Path from, java.nio.file.Path to) throws IOException {
    Files.createDirectories(to.getParent());
    try (InputStream in = fileSystem.open(from);
        OutputStream out = Files.newOutputStream(to)) {
      in.transferTo(out);
    }
  }

  private String read(Path file) throws IOException {
    try (InputStream in = fileSystem.open(file)) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  private static String readLocal(java.nio.file.Path file) throws IOException {
    try {
      return Files.readString(file);
    } catch (NoSuchFileException absent) {
      return null;
    } catch (java.nio.charset.MalformedInputException halfWritten) {
      return null;
    }
  }

  private static List<String> segmentNames(JsonObject manifest) {
    List<String> names = new ArrayList<>();
    JsonElement segments = manifest.get("replay_segments");
    if (segments == null || !segments.isJsonArray()) {
      return names;
    }
    JsonArray array = segments.getAsJsonArray();
    for (JsonElement segment : array) {
      JsonObject s = segment.getAsJsonObject();
      names.add(
          String.format(
              "rows-%012d-%012d.bin", s.get("from").getAsLong(), s.get("to").getAsLong()));
    }
    return names;
  }

  private static int partsWritten(String runState) {
    JsonElement parts = JsonParser.parseString(runState).getAsJsonObject().get("partsWritten");
    return parts == null ? 0 : parts.getAsInt();
  }

  static String partName(int index) {
    return String.format("part-%05d.parquet", index);
  }

  private static long crc(java.nio.file.Path file) throws IOException {
    CRC32 crc = new CRC32();
    try (InputStream in = new CheckedInputStream(Files.newInputStream(file), crc)) {
      in.transferTo(OutputStream.nullOutputStream());
    }
    return crc.getValue();
  }

  static void deleteLocal(java.nio.file.Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<java.nio.file.Path> paths = Files.walk(dir)) {
      for (java.nio.file.Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
