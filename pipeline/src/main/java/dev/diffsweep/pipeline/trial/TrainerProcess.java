package dev.diffsweep.pipeline.trial;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one trainer JVM to its end, its output in a log file. The trainer is started under a small
 * bash watchdog that holds a pipe from this JVM: when this JVM dies, even by SIGKILL, the pipe
 * closes and the watchdog stops the trainer, so a killed executor or driver leaves no orphan still
 * writing into the run folder that the retry resumes.
 */
public final class TrainerProcess {
  private static final String WATCHDOG =
      String.join(
          "\n",
          "exec 3<&0",
          "\"$@\" </dev/null &",
          "trainer=$!",
          "{ read -r -u 3 _; kill -TERM \"$trainer\" 2>/dev/null; sleep 10;"
              + " kill -KILL \"$trainer\" 2>/dev/null; } &",
          "watchdog=$!",
          "wait \"$trainer\"",
          "status=$?",
          "kill \"$watchdog\" 2>/dev/null",
          "exit $status");

  private TrainerProcess() {}

  /**
   * Runs {@code command} until it exits and returns its exit status (128 + signal when killed).
   * Interrupting the calling thread (Spark cancelling the task) stops the trainer first.
   */
  public static int run(List<String> command, Path logFile)
      throws IOException, InterruptedException {
    Files.createDirectories(logFile.getParent());
    List<String> wrapped = new ArrayList<>(List.of("bash", "-c", WATCHDOG, "diffsweep-trainer"));
    wrapped.addAll(command);
    ProcessBuilder builder =
        new ProcessBuilder(wrapped)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
    // MKL's matrix products otherwise depend on buffer alignment, so a resumed trial would not
    // retrace the run it continues (bin/diffsweep explains; it and Surefire set it too).
    builder.environment().putIfAbsent("MKL_CBWR", "AUTO,STRICT");
    Process process = builder.start();
    OutputStream lifeline = process.getOutputStream();
    try {
      return process.waitFor();
    } catch (InterruptedException e) {
      lifeline.close(); // the watchdog stops the trainer, then bash exits
      process.waitFor();
      throw e;
    } finally {
      lifeline.close();
    }
  }

  /** The last {@code lines} lines of a log, to explain a failure. */
  public static String tail(Path logFile, int lines) {
    try {
      String text = new String(Files.readAllBytes(logFile), StandardCharsets.UTF_8);
      List<String> all = text.lines().toList();
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }
}
