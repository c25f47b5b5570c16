package dev.diffsweep.analysis.verify;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Checks a study's committed trials against what their commits recorded ({@code runs/ID/
 * outcome.json}, field {@code files}): every recorded file present with its length (and, in a
 * thorough check, its CRC-32C and footer row count), and no other visible file in the folders of
 * the recorded files (the trial's partitions). Trials committed before commits recorded files are
 * checked readable only. Hadoop FileSystem only, so it works on every scheme; no Spark, so it runs
 * before Spark reads anything.
 */
public final class StudyVerification {
  /** How much is read. */
  public enum Depth {
    /**
     * Listings and lengths (plus two 4-byte reads per file of an unrecorded trial): what {@code
     * study} and {@code analyze} check before they read, catching truncated, deleted and extra
     * files at the cost of a listing.
     */
    LISTING,
    /** Also every byte (CRC-32C) and every footer: what {@code verify} checks. */
    THOROUGH
  }

  public static final String[] TABLES = {"episodes", "evaluations"};
  public static final String OUTCOME_FILE = "outcome.json";
  private static final String COMPLETED = "COMPLETED";

  private final FileSystem fs;
  private final Path root;

  public StudyVerification(FileSystem fs, Path root) {
    this.fs = fs;
    this.root = root;
  }

  /** A committed trial's outcome as the verification needs it: its recorded files, if any. */
  private record Committed(String trialId, List<CommittedFile> files) {}

  public StudyCheck check(Depth depth) throws IOException {
    // Outcomes first, partitions after: a trial that commits in between has its partitions in
    // place before its outcome says completed, so it is never taken for one with files missing.
    Map<String, Committed> committed = new TreeMap<>();
    List<TrialDamage> damaged = new ArrayList<>();
    for (String trialId : runFolders()) {
      Path file = new Path(new Path(new Path(root, "runs"), trialId), OUTCOME_FILE);
      try (FSDataInputStream in = fs.open(file)) {
        Config outcome =
            ConfigFactory.parseString(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        if (COMPLETED.equals(outcome.getString("status"))) {
          committed.put(trialId, new Committed(trialId, files(outcome)));
        }
      } catch (FileNotFoundException notCommitted) {
        continue;
      } catch (IOException | ConfigException e) {
        damaged.add(
            new TrialDamage(
                trialId,
                List.of(
                    "runs/"
                        + trialId
                        + "/"
                        + OUTCOME_FILE
                        + " is unreadable ("
                        + CommittedFiles.firstLine(e)
                        + ")")));
      }
    }
    // A recorded trial's partitions are the folders of its recorded files; only trials committed
    // before file records need the tables' partitions found by listing them all.
    boolean anyUnrecorded = committed.values().stream().anyMatch(trial -> trial.files() == null);
    Map<String, Map<String, List<Path>>> partitions = anyUnrecorded ? partitions() : Map.of();
    List<String> unrecorded = new ArrayList<>();
    for (Committed trial : committed.values()) {
      List<String> problems;
      if (trial.files() == null) {
        unrecorded.add(trial.trialId());
        problems = checkUnrecorded(partitions.getOrDefault(trial.trialId(), Map.of()), depth);
      } else {
        problems = checkRecorded(trial.files(), depth);
      }
      if (!problems.isEmpty()) {
        damaged.add(new TrialDamage(trial.trialId(), problems));
      }
    }
    damaged.sort(java.util.Comparator.comparing(TrialDamage::trialId));
    return new StudyCheck(committed.size(), damaged, unrecorded);
  }

  /** The recorded files, or null for an outcome written before commits recorded them. */
  private static List<CommittedFile> files(Config outcome) {
    if (!outcome.hasPath("files")) {
      return null;
    }
    List<CommittedFile> files = new ArrayList<>();
    for (Config file : outcome.getConfigList("files")) {
      files.add(
          new CommittedFile(
              file.getString("path"),
              file.getLong("rows"),
              file.getLong("bytes"),
              file.getString("crc32c")));
    }
    return files;
  }

  private List<String> checkRecorded(List<CommittedFile> recorded, Depth depth) {
    List<String> problems = new ArrayList<>();
    Map<String, CommittedFile> byPath = new LinkedHashMap<>();
    recorded.forEach(file -> byPath.put(file.path(), file));
    Map<String, FileStatus> present = new HashMap<>();
    try {
      List<Path> folders = new ArrayList<>();
      for (CommittedFile file : recorded) {
        Path parent = new Path(root, file.path()).getParent();
        if (!folders.contains(parent)) {
          folders.add(parent);
        }
      }
      for (Path folder : folders) {
        for (FileStatus file : CommittedFiles.visibleFiles(fs, folder)) {
          present.put(CommittedFiles.relative(fs, root, file.getPath()), file);
        }
      }
    } catch (IOException e) {
      problems.add("its partitions cannot be listed (" + CommittedFiles.firstLine(e) + ")");
      return problems;
    }
    for (CommittedFile file : recorded) {
      FileStatus status = present.get(file.path());
      if (status == null) {
        problems.add(file.path() + " is missing");
      } else if (status.getLen() != file.bytes()) {
        problems.add(
            file.path()
                + " is "
                + status.getLen()
                + " bytes where the commit recorded "
                + file.bytes());
      } else if (depth == Depth.THOROUGH) {
        String problem = thoroughProblem(file, status);
        if (problem != null) {
          problems.add(file.path() + " " + problem);
        }
      }
    }
    new TreeMap<>(present)
        .keySet().stream()
            .filter(path -> !byPath.containsKey(path))
            .forEach(path -> problems.add(path + " is not one of the trial's committed files"));
    return problems;
  }

  private String thoroughProblem(CommittedFile file, FileStatus status) {
    try {
      String crc = CommittedFiles.crc32c(fs, status.getPath());
      if (!crc.equals(file.crc32c())) {
        return "has CRC-32C " + crc + " where the commit recorded " + file.crc32c();
      }
      long rows = CommittedFiles.rowCount(fs, status.getPath());
      if (rows != file.rows()) {
        return "has " + rows + " rows where the commit recorded " + file.rows();
      }
      return null;
    } catch (IOException | RuntimeException e) {
      return "is unreadable (" + CommittedFiles.firstLine(e) + ")";
    }
  }

  /** A trial committed before file records: both partitions there, their files readable. */
  private List<String> checkUnrecorded(Map<String, List<Path>> own, Depth depth) {
    List<String> problems = new ArrayList<>();
    for (String table : TABLES) {
      List<Path> folders = own.getOrDefault(table, List.of());
      if (folders.isEmpty()) {
        problems.add("its " + table + " partition is missing");
        continue;
      }
      for (Path folder : folders) {
        try {
          List<FileStatus> files = CommittedFiles.visibleFiles(fs, folder);
          if (files.isEmpty()) {
            problems.add(CommittedFiles.relative(fs, root, folder) + " holds no file");
          }
          for (FileStatus file : files) {
            String name = CommittedFiles.relative(fs, root, file.getPath());
            String problem =
                depth == Depth.THOROUGH
                    ? CommittedFiles.footerProblem(fs, file)
                    : CommittedFiles.looksLikeParquet(fs, file)
                        ? null
                        : "is not a whole Parquet file (truncated?)";
            if (problem != null) {
              problems.add(name + " " + problem);
            }
          }
        } catch (IOException e) {
          problems.add(
              CommittedFiles.relative(fs, root, folder)
                  + " cannot be read ("
                  + CommittedFiles.firstLine(e)
                  + ")");
        }
      }
    }
    return problems;
  }

  private List<String> runFolders() throws IOException {
    List<String> ids = new ArrayList<>();
    FileStatus[] entries;
    try {
      entries = fs.listStatus(new Path(root, "runs"));
    } catch (FileNotFoundException none) {
      return ids;
    }
    for (FileStatus entry : entries) {
      String name = entry.getPath().getName();
      if (entry.isDirectory() && !name.startsWith(".")) {
        ids.add(name);
      }
    }
    return ids;
  }

  /** Trial id to table to its partition folders ({@code algorithm=A/task=T/trial_id=ID}). */
  private Map<String, Map<String, List<Path>>> partitions() throws IOException {
    Map<String, Map<String, List<Path>>> byTrial = new HashMap<>();
    for (String table : TABLES) {
      FileStatus[] folders =
          fs.globStatus(new Path(root, "tables/" + table + "/algorithm=*/task=*/trial_id=*"));
      if (folders == null) {
        continue;
      }
      for (FileStatus folder : folders) {
        if (folder.isDirectory()) {
          String trialId = folder.getPath().getName().substring("trial_id=".length());
          byTrial
              .computeIfAbsent(trialId, id -> new HashMap<>())
              .computeIfAbsent(table, t -> new ArrayList<>())
              .add(fs.makeQualified(folder.getPath()));
        }
      }
    }
    return byTrial;
  }
}
