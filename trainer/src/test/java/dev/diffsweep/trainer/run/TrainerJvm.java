package dev.diffsweep.trainer.run;

import dev.diffsweep.trainer.cli.DiffsweepCli;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A trainer in its own JVM, as the pipeline runs it, for tests that kill it or fill its disk. */
final class TrainerJvm {
  private TrainerJvm() {}

  /** Starts {@code diffsweep ARGUMENTS...}, its stdout and stderr together in {@code log}. */
  static Process start(Path log, List<String> arguments) throws IOException {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "@" + Path.of("..", "conf", "jvm.args").toAbsolutePath().normalize(),
                "-Xmx512m",
                "-cp",
                System.getProperty("java.class.path"),
                DiffsweepCli.class.getName()));
    command.addAll(arguments);
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
  }
}
