package dev.diffsweep.trainer.run;

import java.io.PrintStream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Shows a run's progress: a terminal bar (env steps, steps/s, latest evaluation return, ETA) or,
 * when output is not a terminal, one line per evaluation.
 */
public final class ProgressReporter implements AutoCloseable {
  private final ProgressBar bar;
  private final PrintStream log;
  private final long totalSteps;
  private final String name;

  public ProgressReporter(
      String name, long totalSteps, long startStep, boolean bar, PrintStream log) {
    this.name = name;
    this.totalSteps = totalSteps;
    this.log = log;
    this.bar =
        bar
            ? new ProgressBarBuilder()
                .setTaskName(name)
                .setInitialMax(totalSteps)
                .startsFrom(startStep, java.time.Duration.ZERO)
                .setStyle(ProgressBarStyle.ASCII)
                .setUnit(" steps", 1)
                .showSpeed()
                .setUpdateIntervalMillis(500)
                .setConsumer(new ConsoleProgressBarConsumer(log))
                .build()
            : null;
  }

  public void stepTo(long envSteps) {
    if (bar != null) {
      bar.stepTo(envSteps);
    }
  }

  public void evaluated(long envSteps, double returnMean, double stepsPerS) {
    if (bar != null) {
      bar.setExtraMessage(String.format(" eval %.1f", returnMean));
    } else {
      log.printf(
          "%s: %d/%d env steps, eval return %.1f, %.1f steps/s%n",
          name, envSteps, totalSteps, returnMean, stepsPerS);
      log.flush();
    }
  }

  @Override
  public void close() {
    if (bar != null) {
      bar.close();
    }
  }
}
