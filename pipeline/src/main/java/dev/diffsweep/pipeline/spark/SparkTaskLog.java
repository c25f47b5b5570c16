package dev.diffsweep.pipeline.spark;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.FileAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;

/**
 * While a study runs, Spark's task-level loggers write to the study's log file instead of the
 * terminal: a trial attempt that fails and is retried makes Spark log its whole stack trace twice
 * (the executor's error, the scheduler's "Lost task" warning), about 60 lines in an otherwise
 * successful study. The driver's own line for the attempt (StudyProgress) stays on the terminal and
 * names this file. Restores the loggers as they were when closed.
 */
final class SparkTaskLog implements AutoCloseable {
  /** The study's log file, in the study folder. */
  static final String FILE_NAME = "spark-tasks.log";

  /** The loggers that report a task's failure with its stack trace (driver and local executors). */
  static final List<String> LOGGERS =
      List.of(
          "org.apache.spark.scheduler.TaskSetManager",
          "org.apache.spark.scheduler.TaskSchedulerImpl",
          "org.apache.spark.executor.Executor");

  private final LoggerContext context;
  private final FileAppender appender;

  private final Map<String, LoggerConfig> replaced = new LinkedHashMap<>();

  private SparkTaskLog(LoggerContext context, FileAppender appender) {
    this.context = context;
    this.appender = appender;
  }

  /**
   * Routes the task loggers to {@code file} (appending); does nothing where log4j2's core is not
   * the logging back end.
   */
  static SparkTaskLog open(Path file) {
    if (!(LogManager.getContext(false) instanceof LoggerContext context)) {
      return new SparkTaskLog(null, null);
    }
    Configuration configuration = context.getConfiguration();
    FileAppender appender =
        FileAppender.newBuilder()
            .setName("diffsweep-study-" + UUID.randomUUID())
            .withFileName(file.toString())
            .withAppend(true)
            .setLayout(
                PatternLayout.newBuilder()
                    .withPattern("%d{yy/MM/dd HH:mm:ss} %p %c{1}: %m%n%ex")
                    .withConfiguration(configuration)
                    .build())
            .setConfiguration(configuration)
            .build();
    appender.start();
    SparkTaskLog log = new SparkTaskLog(context, appender);
    for (String name : LOGGERS) {
      LoggerConfig existing = configuration.getLoggers().get(name);
      log.replaced.put(name, existing);
      if (existing != null) {
        configuration.removeLogger(name);
      }
      Level level =
          existing != null ? existing.getLevel() : configuration.getLoggerConfig(name).getLevel();
      // Never quieter than warnings: they are what this file is for.
      if (level == null || level.intLevel() < Level.WARN.intLevel()) {
        level = Level.WARN;
      }
      LoggerConfig routed =
          LoggerConfig.newBuilder()
              .withLoggerName(name)
              .withLevel(level)
              .withAdditivity(false)
              .withConfig(configuration)
              .build();
      routed.addAppender(appender, null, null);
      configuration.addLogger(name, routed);
    }
    context.updateLoggers();
    return log;
  }

  @Override
  public void close() {
    if (context == null) {
      return;
    }
    Configuration configuration = context.getConfiguration();
    replaced.forEach(
        (name, existing) -> {
          configuration.removeLogger(name);
          if (existing != null) {
            configuration.addLogger(name, existing);
          }
        });
    context.updateLoggers();
    appender.stop();
  }
}
