package dev.diffsweep.pipeline.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.diffsweep.pipeline.study.Study;
import dev.diffsweep.pipeline.study.StudyLoader;
import dev.diffsweep.pipeline.trial.TrialExpansion;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.Property;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A trial whose trainer is killed after its first checkpoint is retried and completes: Spark's
 * traces of the failed attempt go to the study's log file, not to the loggers that print on the
 * terminal, and the driver says in one line that the attempt failed and where the trace is.
 */
class RetriedTrialLogTest {
  @TempDir Path output;

  /** Collects every event that reaches the root logger's appenders (the terminal's). */
  private static final class Terminal extends AbstractAppender {
    final List<LogEvent> events = new CopyOnWriteArrayList<>();

    Terminal() {
      super("terminal-capture", null, null, true, Property.EMPTY_ARRAY);
    }

    @Override
    public void append(LogEvent event) {
      events.add(event.toImmutable());
    }
  }

  @Test
  void aRetriedTrialsSparkTracesGoToTheStudyLogAndTheTerminalGetsOneLine() throws Exception {
    Study study =
        StudyLoader.parse(
            "retry.conf",
            """
            name = retry-test
            algorithms = [sac]
            tasks = [InvertedPendulum-v4]
            seeds = 1
            steps = 1200
            evaluation { every = 200, episodes = 1 }
            grid { learning_starts = 100, batch_size = 16, hidden_size = 16, buffer_size = 2000 }
            output = "%s"
            """
                .formatted(output.toUri()),
            Path.of("/"));
    String trialId = TrialExpansion.expand(study).get(0).id();
    Path folder = output.resolve("retry-test");
    Path checkpoint = folder.resolve("runs").resolve(trialId).resolve("checkpoint");
    Thread killer =
        new Thread(
            () -> {
              try {
                while (!Files.exists(checkpoint)) {
                  Thread.sleep(20);
                }
                ProcessHandle.current()
                    .descendants()
                    .filter(p -> p.info().command().orElse("").endsWith("java"))
                    .forEach(ProcessHandle::destroyForcibly);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    SparkConf conf = SparkSessions.conf(SparkProfileFixtures.local(), "local[2,3]", "test");
    conf.set(StudyDriver.TRAINER_OPTIONS_KEY, "-Xmx256m");
    conf.set("spark.ui.enabled", "false");
    StringWriter log = new StringWriter();
    LoggerContext context = (LoggerContext) LogManager.getContext(false);
    Configuration configuration = context.getConfiguration();
    Terminal terminal = new Terminal();
    terminal.start();
    configuration.getRootLogger().addAppender(terminal, null, null);
    context.updateLoggers();
    StudyDriver.Result result;
    try {
      killer.start();
      result = new StudyDriver(study, conf, new PrintWriter(log, true)).run();
      killer.join();
    } finally {
      configuration.getRootLogger().removeAppender(terminal.getName());
      context.updateLoggers();
      terminal.stop();
    }

    Path studyLog = folder.resolve(SparkTaskLog.FILE_NAME);
    assertThat(result.completed()).isEqualTo(1);
    assertThat(log.toString())
        .contains(
            trialId + ": attempt 1 failed, Spark retries it: ", "(Spark's trace: " + studyLog + ")")
        .doesNotContain("\tat ");
    assertThat(Files.readString(studyLog))
        .contains("Lost task 0.0 in stage")
        .contains("TrialAttemptFailedException")
        .contains("\tat ");
    assertThat(terminal.events)
        .as("events that reached the terminal's appenders")
        .isNotEmpty()
        .noneMatch(event -> SparkTaskLog.LOGGERS.contains(event.getLoggerName()))
        .noneMatch(event -> event.getThrown() != null);
  }
}
