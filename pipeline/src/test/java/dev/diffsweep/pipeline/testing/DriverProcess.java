package dev.diffsweep.pipeline.testing;

import dev.diffsweep.pipeline.cli.DiffsweepMain;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * `diffsweep ARGS` in its own JVM as bin/diffsweep starts it (the project's JVM flags and
 * conf/log4j2.properties), trainers at -Xmx256m; everything it prints goes to {@code log}.
 */
public final class DriverProcess {
  private DriverProcess() {}

  public static Process start(Path log, String... args) throws IOException {
    return start(log, List.of(), args);
  }

  /**
   * With {@code properties} (-Dkey=value) too: spark.hadoop.* settings reach the driver's SparkConf
   * this way, as spark-submit's --conf does.
   */
  public static Process start(Path log, List<String> properties, String... args)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(
        Files.readAllLines(Path.of("..", "conf", "jvm.args")).stream()
            .map(String::strip)
            .filter(line -> !line.isEmpty() && !line.startsWith("#"))
            .toList());
    command.add("-Xmx512m");
    command.add("-Dlog4j2.configurationFile=" + Path.of("..", "conf", "log4j2.properties"));
    command.add("-Dspark.diffsweep.trainer.javaOptions=-Xmx256m");
    command.addAll(properties);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(DiffsweepMain.class.getName());
    command.addAll(List.of(args));
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
  }

  /**
   * Kills the driver with SIGKILL, as a crashed host or `kill -9` would, and waits up to 30 s for
   * its trainers: their watchdogs stop them once the driver's end of their pipe closes.
   */
  public static void kill(Process driver)
      throws InterruptedException, ExecutionException, TimeoutException {
    List<ProcessHandle> trainers = driver.descendants().toList();
    driver.destroyForcibly().waitFor();
    for (ProcessHandle trainer : trainers) {
      trainer.onExit().get(30, TimeUnit.SECONDS);
    }
  }
}
