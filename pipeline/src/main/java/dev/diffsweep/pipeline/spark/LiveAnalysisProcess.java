package dev.diffsweep.pipeline.spark;

import dev.diffsweep.analysis.cli.AnalysisCli;
import dev.diffsweep.pipeline.trial.TrainerLauncher;
import dev.diffsweep.pipeline.trial.TrainerProcess;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One live refresh: {@code analyze --live STUDY} in a JVM of its own with a one-core local Spark.
 * Not the driver's SparkSession: the study's trials hold every task slot it has for as long as they
 * train, so an analysis job there would wait for the study to end; and a JVM of its own cannot take
 * the driver down with it. Its output goes to live-report.log in the study folder.
 */
final class LiveAnalysisProcess implements LiveReport.Refresh {
  static final String LOG = "live-report.log";

  private final String studyFolder;
  private final Path log;
  private final Map<String, String> hadoopSettings;

  /**
   * @param studyFolder the study folder's URI, as the analysis takes it
   * @param localFolder where its log goes: the study folder when it is local or mounted
   */
  LiveAnalysisProcess(String studyFolder, Path localFolder) {
    this(studyFolder, localFolder, Map.of());
  }

  /**
   * @param hadoopSettings the driver's spark.hadoop.* settings (an S3 endpoint, credentials...),
   *     which the analysis JVM needs to read the study too
   */
  LiveAnalysisProcess(String studyFolder, Path localFolder, Map<String, String> hadoopSettings) {
    this.studyFolder = studyFolder;
    this.log = localFolder.resolve(LOG);
    this.hadoopSettings = Map.copyOf(hadoopSettings);
  }

  /**
   * The settings as a java argument file (-D lines) readable only by this user, so that credentials
   * do not show on the process list.
   */
  private Optional<Path> settingsFile() throws IOException {
    if (hadoopSettings.isEmpty()) {
      return Optional.empty();
    }
    Path file = log.resolveSibling("live-report.args");
    Files.deleteIfExists(file);
    Files.createFile(
        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    StringBuilder lines = new StringBuilder();
    hadoopSettings.forEach(
        (key, value) ->
            lines
                .append('"')
                .append(
                    ("-Dspark.hadoop." + key + "=" + value)
                        .replace("\\", "\\\\")
                        .replace("\"", "\\\""))
                .append("\"\n"));
    Files.writeString(file, lines);
    return Optional.of(file);
  }

  @Override
  public void run() throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(TrainerLauncher.projectJvmOptions());
    command.add("-Dspark.ui.enabled=false");
    settingsFile().ifPresent(file -> command.add("@" + file));
    String log4j = System.getProperty("log4j2.configurationFile");
    if (log4j != null) {
      command.add("-Dlog4j2.configurationFile=" + log4j);
    }
    command.add("-cp");
    command.add(String.join(File.pathSeparator, TrainerLauncher.classpathOfThisJvm()));
    command.add(AnalysisCli.class.getName());
    command.addAll(List.of("analyze", "--live", "--master", "local[1]", studyFolder));
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      int status = process.waitFor();
      if (status != 0) {
        throw new IOException(
            "the live analysis exited with " + status + " (" + log + "): " + why());
      }
    } catch (InterruptedException e) {
      process.destroy();
      throw e;
    }
  }

  /** The analysis's own error line, else the exception's, else the log's last line. */
  private String why() {
    List<String> lines = TrainerProcess.tail(log, 400).lines().toList();
    for (String prefix : List.of("diffsweep analyze:", "Exception in thread")) {
      for (int i = lines.size() - 1; i >= 0; i--) {
        if (lines.get(i).startsWith(prefix)) {
          return lines.get(i);
        }
      }
    }
    return lines.isEmpty() ? "(no output)" : lines.get(lines.size() - 1);
  }
}
