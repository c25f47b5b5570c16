package dev.diffsweep.pipeline.storage;

import dev.diffsweep.analysis.hadoop.NioLocalFileSystem;
import dev.diffsweep.contract.ComparedPairs;
import dev.diffsweep.pipeline.study.Study;
import dev.diffsweep.pipeline.trial.Trial;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.CommonPathCapabilities;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.UnsupportedFileSystemException;

/**
 * A study's folder on any Hadoop file system (local, HDFS, S3): where its tables, run folders and
 * resolved study file live. Everything the pipeline writes goes through here.
 */
public final class StudyFolder {
  private final FileSystem fileSystem;
  private final Path root;

  private StudyFolder(FileSystem fileSystem, Path root) {
    this.fileSystem = fileSystem;
    this.root = root;
  }

  /** The folder at {@code uri}; {@code hadoopSettings} are extra Hadoop keys (credentials...). */
  public static StudyFolder open(String uri, Map<String, String> hadoopSettings) {
    Configuration configuration = new Configuration();
    hadoopSettings.forEach(configuration::set);
    NioLocalFileSystem.configure(configuration);
    Path root = new Path(URI.create(uri));
    try {
      return new StudyFolder(root.getFileSystem(configuration), root);
    } catch (UnsupportedFileSystemException e) {
      throw new IllegalArgumentException(
          "study output "
              + uri
              + ": no Hadoop file system for the scheme '"
              + root.toUri().getScheme()
              + "' is on the classpath; use a local path, file:, hdfs:// or s3a:// ("
              + S3A_PACKAGES
              + ")",
          e);
    } catch (IOException | RuntimeException e) {
      if (mentions(e, "S3AFileSystem")) {
        throw new IllegalArgumentException(
            "study output " + uri + ": S3A is not on the classpath; " + S3A_PACKAGES, e);
      }
      if (e instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalArgumentException(
          "study output " + uri + ": cannot open its file system: " + firstLine(e), e);
    }
  }

  /** How a user brings S3A (README.md, "Studies on HDFS and S3"). */
  static final String S3A_PACKAGES =
      "s3a:// needs hadoop-aws: spark-submit --packages org.apache.hadoop:hadoop-aws:"
          + org.apache.hadoop.util.VersionInfo.getVersion();

  private static boolean mentions(Throwable e, String text) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (String.valueOf(t.getMessage()).contains(text)) {
        return true;
      }
    }
    return false;
  }

  private static String firstLine(Throwable e) {
    String message = String.valueOf(e.getMessage()).strip();
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

  public FileSystem fileSystem() {
    return fileSystem;
  }

  public Path root() {
    return root;
  }

  /** True when trainers can write run folders here directly, as plain local paths. */
  public boolean isLocal() {
    return fileSystem instanceof LocalFileSystem || fileSystem instanceof RawLocalFileSystem;
  }

  /**
   * True on an object store (S3A and the like): a file becomes visible whole, old content or new,
   * when its writer closes it, and a rename is a copy and a delete, not one step. There files are
   * written in place; elsewhere to a hidden name and then renamed.
   */
  public boolean isObjectStore() {
    String scheme = fileSystem.getUri().getScheme();
    try {
      return "s3a".equals(scheme)
          || "gs".equals(scheme)
          || fileSystem.hasPathCapability(root, CommonPathCapabilities.ABORTABLE_STREAM);
    } catch (IOException e) {
      return false;
    }
  }

  public Path studyFile() {
    return new Path(root, "study.conf");
  }

  public Path runsFolder() {
    return new Path(root, "runs");
  }

  public Path runFolder(String trialId) {
    return new Path(runsFolder(), trialId);
  }

  public Path tablesFolder() {
    return new Path(root, "tables");
  }

  public Path trialsTable() {
    return new Path(tablesFolder(), "trials");
  }

  /** The trial's partition of a per-trial table (episodes, evaluations). */
  public Path trialPartition(String table, Trial trial) {
    return new Path(
        tablesFolder(),
        table
            + "/algorithm="
            + trial.algorithm()
            + "/task="
            + trial.task()
            + "/trial_id="
            + trial.id());
  }

  /**
   * Makes this folder the home of {@code study}: refuses an output location it cannot write to, and
   * a different study that already lives under the same name; both before anything trains.
   */
  public void claim(Study study) {
    checkWritable();
    String identity = study.identity();
    Path file = studyFile();
    try {
      if (fileSystem.exists(file)) {
        String existing = readString(file);
        if (!existing.equals(identity)) {
          throw new IllegalArgumentException(
              "a different study named '"
                  + study.name()
                  + "' already lives in "
                  + root
                  + ": "
                  + firstDifference(existing, identity)
                  + ". Rename the study or choose another output.");
        }
      } else {
        writeAtomically(file, identity);
      }
      recordComparedPairs(study);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or write " + file, e);
    }
  }

  /**
   * The pairs the analysis compares, when the study file names its own; without them the file is
   * removed, so that the analysis takes the catalogue's pairs.
   */
  private void recordComparedPairs(Study study) throws IOException {
    Path file = new Path(root, ComparedPairs.FILE_NAME);
    if (study.compare().isEmpty()) {
      fileSystem.delete(file, false);
    } else {
      writeAtomically(file, ComparedPairs.format(study.compare()));
    }
  }

  /**
   * Reads nothing but whether the study folder exists, so that an unreachable namenode or endpoint,
   * or missing credentials, is one line before any other check reads the folder.
   *
   * @throws IllegalArgumentException naming the location and what to check
   */
  public void checkReachable() {
    try {
      fileSystem.exists(root);
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException(unusable(e), e);
    }
  }

  /** Creates the folder if needed and refuses (bad input) a location this process cannot write. */
  public void checkWritable() {
    Path probe = new Path(root, ".write-probe-" + UUID.randomUUID());
    try {
      if (!fileSystem.mkdirs(root)) {
        throw new IOException("mkdirs returned false");
      }
      fileSystem.create(probe, false).close();
      fileSystem.delete(probe, false);
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException(unusable(e), e);
    }
  }

  /** One line naming what stops this process from using the output location, and the fix. */
  private String unusable(Exception e) {
    if (mentions(e, "No AWS Credentials") || mentions(e, "NoAuthWithAWS")) {
      return "the output location "
          + root
          + " needs S3 credentials: set spark.hadoop.fs.s3a.access.key and"
          + " spark.hadoop.fs.s3a.secret.key (spark-submit --conf, or -D for bin/diffsweep), or run"
          + " where an instance role or AWS_* environment variables provide them";
    }
    if (mentions(e, "Connection refused") || mentions(e, "UnknownHost")) {
      return "the output location "
          + root
          + " cannot be reached ("
          + firstLine(e)
          + "): check the host and port of the namenode or endpoint, and that it is running";
    }
    return "the output location " + root + " is not writable: " + firstLine(e);
  }

  private static String firstDifference(String existing, String wanted) {
    String[] before = existing.split("\n");
    String[] now = wanted.split("\n");
    for (int i = 0; i < Math.max(before.length, now.length); i++) {
      String was = i < before.length ? before[i] : "(nothing)";
      String is = i < now.length ? now[i] : "(nothing)";
      if (!was.equals(is)) {
        return "it has '" + was + "' where this file has '" + is + "'";
      }
    }
    return "they differ";
  }

  public String readString(Path file) throws IOException {
    try (FSDataInputStream in = fileSystem.open(file)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** Writes a small file so that readers see the old content or the new, never half. */
  public void writeAtomically(Path file, String content) throws IOException {
    if (isObjectStore()) {
      try (FSDataOutputStream out = fileSystem.create(file, true)) {
        out.write(content.getBytes(StandardCharsets.UTF_8));
      }
      return;
    }
    Path temporary = new Path(file.getParent(), "." + file.getName() + "." + UUID.randomUUID());
    try (FSDataOutputStream out = fileSystem.create(temporary, true)) {
      out.write(content.getBytes(StandardCharsets.UTF_8));
    }
    // FileContext can replace in one rename where the file system allows it (local, HDFS).
    FileContext context = FileContext.getFileContext(fileSystem.getUri(), fileSystem.getConf());
    context.rename(temporary, file, Options.Rename.OVERWRITE);
  }
}
