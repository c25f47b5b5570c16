package dev.diffsweep.pipeline.cli;

import dev.diffsweep.pipeline.spark.TuneDriver;
import dev.diffsweep.pipeline.study.Study;
import dev.diffsweep.pipeline.tune.state.TuningHistory;
import dev.diffsweep.pipeline.tune.state.TuningTrial;
import java.io.PrintWriter;
import org.apache.spark.SparkConf;
import picocli.CommandLine.Command;

/** {@code diffsweep tune FILE}: a study's tune block, then the report of what it found. */
@Command(
    name = "tune",
    mixinStandardHelpOptions = true,
    description = {
      "Tune hyperparameters as a study file's tune block says: the sampler proposes",
      "configurations, each rung trains them as Spark tasks (one per configuration and seed),",
      "the pruner stops the weak ones. Rerunning continues where it stopped."
    })
final class TuneCommand extends DriverCommand<TuneDriver.Result> {
  @Override
  void check(Study study, PrintWriter out) {
    if (study.tune() != null) {
      // Every configuration may train every seed to the full budget.
      long runs = StudyLimits.times(study.tune().trials(), study.tune().seeds().size());
      driver.limits.check(
          study.name(),
          file,
          runs,
          StudyLimits.times(runs, study.steps().forTask(study.tasks().get(0))));
    }
  }

  @Override
  TuneDriver.Result drive(Study study, SparkConf conf, PrintWriter out) throws Exception {
    // The analysis writes into the study folder too: it runs under the driver's lease.
    return new TuneDriver(study, conf, out, driver.takeover.force)
        .run(
            done -> {
              report(out, study, done);
              analyse(conf, done.folder(), out, study);
            });
  }

  @Override
  int finish(Study study, TuneDriver.Result result, PrintWriter out) {
    out.flush();
    return result.state().history().best().isPresent() ? 0 : 1;
  }

  private static void report(PrintWriter out, Study study, TuneDriver.Result result) {
    TuningHistory history = result.state().history();
    out.printf("[tune %s] report (%s):%n", study.name(), history.direction());
    out.printf("  %-4s %-10s %-5s %-12s %s%n", "#", "status", "rung", "value", "configuration");
    for (TuningTrial trial : history.trials()) {
      String value =
          trial.value().isPresent() ? String.format("%.2f", trial.value().getAsDouble()) : "-";
      out.printf(
          "  %-4d %-10s %-5d %-12s %s%s%n",
          trial.number(),
          trial.status().text(),
          trial.rung(),
          value,
          trial.proposal().params(),
          trial.error() == null ? "" : "  error: " + trial.error().lines().findFirst().orElse(""));
    }
    history
        .best()
        .ifPresentOrElse(
            best ->
                out.printf(
                    "[tune %s] best configuration: %s with objective %.2f (%s)%n",
                    study.name(), best.proposal().params(), best.value().getAsDouble(), best.id()),
            () -> out.printf("[tune %s] no configuration completed%n", study.name()));
    out.printf("[tune %s] trials table: %s/tables/trials%n", study.name(), result.folder());
    out.flush();
  }
}
