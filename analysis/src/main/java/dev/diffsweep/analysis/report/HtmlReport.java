package dev.diffsweep.analysis.report;

import dev.diffsweep.analysis.curves.RunningCurve;
import dev.diffsweep.analysis.plots.PlotImage;
import dev.diffsweep.analysis.references.PublishedReference;
import dev.diffsweep.analysis.references.PublishedReferences;
import dev.diffsweep.analysis.references.ReferenceComparison;
import dev.diffsweep.analysis.stats.Statistic;
import dev.diffsweep.analysis.summary.GroupKey;
import dev.diffsweep.analysis.summary.ReportNumbers;
import dev.diffsweep.analysis.summary.ResultTable;
import dev.diffsweep.analysis.summary.StudyResults;
import dev.diffsweep.analysis.summary.Verdict;
import dev.diffsweep.analysis.summary.VerdictLines;
import dev.diffsweep.analysis.tables.TrialRecord;
import dev.diffsweep.analysis.tuning.RankedConfiguration;
import dev.diffsweep.analysis.tuning.TuneSettings;
import dev.diffsweep.analysis.tuning.TunedConfiguration;
import dev.diffsweep.analysis.tuning.TuningResults;
import dev.diffsweep.analysis.tuning.TuningStatistics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;

/**
 * Renders the self-contained report.html: plain HTML with inline CSS and the plots embedded as
 * base64 PNG, so the one file can be mailed or archived with the study.
 */
public final class HtmlReport {
  private final StringBuilder html = new StringBuilder();

  private HtmlReport() {}

  public static String render(ReportContext context) {
    return new HtmlReport().build(context);
  }

  private String build(ReportContext c) {
    html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
    // Only a live report reloads itself; the final one, written when the study ends, does not.
    c.live()
        .ifPresent(
            live ->
                html.append("<meta http-equiv=\"refresh\" content=\"")
                    .append(LiveView.RELOAD_SECONDS)
                    .append("\">"));
    html.append("<title>diffsweep report: ")
        .append(escape(c.studyName()))
        .append("</title><style>")
        .append("body{font-family:sans-serif;max-width:1100px;margin:2em auto;color:#222}")
        .append("table{border-collapse:collapse;margin:1em 0;font-size:13px}")
        .append("td,th{border:1px solid #ccc;padding:3px 7px;text-align:right}")
        .append("th{background:#f2f2f2}td.t,th.t{text-align:left}")
        .append("pre{background:#f7f7f7;padding:1em;overflow:auto}img{max-width:100%}")
        .append(".note{background:#fff6d6;padding:.7em;border-left:4px solid #e0b000}")
        .append("</style></head><body>\n");
    html.append("<h1>diffsweep study report: ").append(escape(c.studyName())).append("</h1>\n");
    c.live().ifPresent(this::liveHeader);
    paragraph(
        "Study folder: <code>"
            + escape(c.studyPath())
            + "</code>. Generated "
            + Instant.now()
            + ".");
    paragraph(escape(c.inventory().describe()));
    if (c.results().isEmpty()) {
      html.append("<p class=\"note\">No committed trials yet: there are no curves or summaries to")
          .append(" report. A trial is committed when it completed and its episodes and")
          .append(" evaluations folders were moved into the study's tables.</p>\n");
    }
    c.results().ifPresent(this::comparisonSection);
    c.results().ifPresent(results -> referencesSection(results, c));
    c.live().ifPresent(live -> runningSection(live, c));
    trialsSection(c);
    c.tuning().ifPresent(tuning -> tuningSection(tuning, c));
    versionsSection(c);
    methodSection(c);
    c.results().ifPresent(results -> resultsSection(results, c));
    c.studyConf()
        .ifPresent(
            conf -> {
              html.append("<h2>study.conf</h2><pre>").append(escape(conf)).append("</pre>\n");
            });
    html.append("</body></html>\n");
    return html.toString();
  }

  /** The study's answer, first: each compared agent against its base, with the verdict rule. */
  private void comparisonSection(StudyResults results) {
    html.append("<h2>Diff* against its base</h2>\n");
    ResultTable comparison = results.comparison();
    if (comparison.rows().isEmpty()) {
      paragraph(escape(VerdictLines.of(comparison).get(0)) + ".");
      return;
    }
    paragraph(
        "Each row compares an agent with its base on one task, and on all tasks together"
            + " (min-max normalised scores, intervals stratified by task). Verdict: "
            + escape(Verdict.RULE)
            + ".");
    List<List<Object>> rows = new ArrayList<>();
    for (Row row : comparison.rows()) {
      rows.add(
          List.of(
              comparison.get(row, "task"),
              comparison.get(row, "algorithm"),
              comparison.get(row, "base_algorithm"),
              comparison.get(row, "config"),
              comparison.get(row, "seeds") + " / " + comparison.get(row, "base_seeds"),
              estimate(comparison, row, "final_return_iqm"),
              estimate(comparison, row, "base_final_return_iqm"),
              ReportNumbers.format(comparison.get(row, "auc_iqm"))
                  + " / "
                  + ReportNumbers.format(comparison.get(row, "base_auc_iqm")),
              estimate(comparison, row, "sample_efficiency_ratio"),
              estimate(comparison, row, "probability_of_improvement"),
              comparison.get(row, "verdict")));
    }
    table(
        List.of(
            "task",
            "agent",
            "base",
            "config",
            "seeds",
            "IQM final return (agent)",
            "IQM final return (base)",
            "AUC IQM (agent / base)",
            "sample-efficiency ratio",
            "P(agent > base)",
            "verdict"),
        rows);
    paragraph(
        "How to read it: P(agent &gt; base) is the chance that a run of the agent ends above a run"
            + " of its base (0.5: no difference). The sample-efficiency ratio is the base's env"
            + " steps to the task's threshold over the agent's (above 1: the agent gets there"
            + " sooner). With few seeds the intervals are wide and most verdicts are inconclusive;"
            + " and where neither agent learned within the budget (final returns near the task's"
            + " random return) the comparison says nothing about the algorithms: give them a"
            + " longer budget (conf/locomotion.conf).");
  }

  private void liveHeader(LiveView live) {
    html.append("<p class=\"note live\"><strong>live: ")
        .append(live.runningTrials())
        .append(" running, ")
        .append(live.committedTrials())
        .append(" committed, updated at ")
        .append(live.updatedAt())
        .append("</strong>. The study is still running: this page reloads itself every ")
        .append(LiveView.RELOAD_SECONDS)
        .append(" s and the driver rewrites it every few minutes and when a trial commits.")
        .append(" Running trials' partial curves are drawn dashed and marked (running); no")
        .append(" statistic includes them until they are committed.</p>\n");
  }

  /**
   * The running trials and how far their evaluations got; before anything is committed, also the
   * task plots of their partial curves (later those are in the Plots section, with the committed
   * curves).
   */
  private void runningSection(LiveView live, ReportContext c) {
    html.append("<h2>Running trials</h2>\n");
    if (live.curves().isEmpty()) {
      paragraph(
          "No running trial has written an evaluation yet (a trial writes its evaluations at each"
              + " checkpoint).");
      return;
    }
    List<List<Object>> rows = new ArrayList<>();
    for (RunningCurve curve : live.curves()) {
      int last = curve.evaluations() - 1;
      rows.add(
          List.of(
              curve.trialId(),
              curve.task(),
              curve.algorithm(),
              curve.config(),
              curve.seed(),
              curve.evaluations(),
              (long) curve.envSteps()[last],
              ReportNumbers.format(curve.returns()[last])));
    }
    table(
        List.of(
            "trial (running)",
            "task",
            "algorithm",
            "config",
            "seed",
            "evaluations so far",
            "last env step",
            "last evaluation return"),
        rows);
    if (c.results().isEmpty()) {
      c.plots().forEach(this::figure);
    }
  }

  /**
   * Each baseline's final return beside published results for its algorithm on its task, at the
   * budget nearest the study's, with every difference (budget, metric, task version, seeds) said.
   */
  private void referencesSection(StudyResults results, ReportContext c) {
    html.append("<h2>Published references</h2>\n");
    PublishedReferences references = c.references();
    paragraph(
        "Each baseline's IQM final return (deterministic evaluation, as above) beside what"
            + " others published for the same algorithm on the same task (any version): per"
            + " source, metric and task version the result at the budget nearest the study's."
            + " They are context, not a test: a published number may be a training return, on an"
            + " older task version, after a longer budget, or a single run; the last column says"
            + " which. References: the analysis's bundled <code>published.csv</code> and the"
            + " study's own <code>"
            + PublishedReferences.STUDY_FILE
            + "</code> if it has one (docs/TABLES.md).");
    if (!references.warnings().isEmpty()) {
      html.append("<p class=\"note\">Reference rows left out:<br>")
          .append(
              references.warnings().stream()
                  .map(HtmlReport::escape)
                  .collect(Collectors.joining("<br>")))
          .append("</p>\n");
    }
    ResultTable summary = results.summary();
    Map<String, Long> budgets = studyBudgets(results, c);
    List<List<Object>> rows = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    Map<String, String> sources = new TreeMap<>();
    TreeSet<String> baselines = new TreeSet<>();
    for (Row row : summary.rows()) {
      String algorithm = summary.get(row, "algorithm");
      if (!PublishedReferences.baseOf(algorithm).equals(algorithm)) {
        continue;
      }
      baselines.add(algorithm);
      if (!references.algorithms().contains(algorithm)) {
        continue;
      }
      String task = summary.get(row, "task");
      Double iqm = summary.get(row, "final_return_iqm");
      long budget = budgets.getOrDefault(algorithm + "|" + task, 0L);
      List<PublishedReference> matching = references.nearest(task, algorithm, budget);
      if (matching.isEmpty()) {
        missing.add(algorithm + " on " + task);
        continue;
      }
      for (PublishedReference r : matching) {
        sources.put(r.source(), r.sourceUrl());
        rows.add(
            List.of(
                task,
                algorithm,
                Objects.toString(summary.get(row, "config"), ""),
                estimate(summary, row, "final_return_iqm"),
                budget > 0 ? ReferenceComparison.steps(budget) : "?",
                r.source(),
                r.task(),
                ReferenceComparison.steps(r.budget()),
                r.metric().text(),
                ReportNumbers.format(r.mean()) + " ± " + ReportNumbers.format(r.std()),
                r.seeds(),
                iqm == null ? "" : ReferenceComparison.sentence(iqm, budget, task, r)));
      }
    }
    if (!rows.isEmpty()) {
      table(
          List.of(
              "task",
              "agent",
              "config",
              "IQM final return [95% CI]",
              "study budget",
              "source",
              "reference task",
              "reference budget",
              "metric",
              "reference mean ± std",
              "seeds",
              "where the study sits"),
          rows);
    }
    List<String> none = new ArrayList<>();
    for (String baseline : baselines) {
      if (!references.algorithms().contains(baseline)) {
        none.add(
            baseline
                + ": no published reference (none is bundled; a study may add rows to its "
                + PublishedReferences.STUDY_FILE
                + ")");
      }
    }
    missing.forEach(m -> none.add(m + ": no published reference for this task"));
    if (baselines.isEmpty()) {
      none.add("the study has no baseline agent (sac, ppo or wpo) to set beside references");
    }
    if (!none.isEmpty()) {
      html.append("<ul>\n");
      none.forEach(this::item);
      html.append("</ul>\n");
    }
    if (!sources.isEmpty()) {
      html.append("<p>Sources: ")
          .append(
              sources.entrySet().stream()
                  .map(
                      e ->
                          escape(e.getKey())
                              + " (<a href=\""
                              + escape(e.getValue())
                              + "\">"
                              + escape(e.getValue())
                              + "</a>)")
                  .collect(Collectors.joining(", ")))
          .append(".</p>\n");
    }
  }

  /**
   * The env steps each agent trained for on each task ("algorithm|task"): the largest budget of its
   * committed trials, or the task's last curve step where the trials table records none.
   */
  private static Map<String, Long> studyBudgets(StudyResults results, ReportContext c) {
    Map<String, Long> budgets = new TreeMap<>();
    for (TrialRecord t : c.inventory().committedTrials()) {
      if (t.totalSteps() != null) {
        budgets.merge(t.algorithm() + "|" + t.task(), t.totalSteps(), Math::max);
      }
    }
    ResultTable curves = results.curves();
    Map<String, Long> lastStep = new TreeMap<>();
    for (Row row : curves.rows()) {
      Number step = curves.get(row, "env_step");
      if (step != null) {
        lastStep.merge(
            curves.get(row, "algorithm") + "|" + curves.get(row, "task"),
            step.longValue(),
            Math::max);
      }
    }
    lastStep.forEach(budgets::putIfAbsent);
    return budgets;
  }

  private void trialsSection(ReportContext c) {
    html.append("<h2>Trials</h2>\n");
    Map<String, Long> byStatus = c.inventory().countByStatus();
    table(
        List.of("status", "trials"),
        byStatus.entrySet().stream().map(e -> List.<Object>of(e.getKey(), e.getValue())).toList());
    List<TrialRecord> committed = c.inventory().committedTrials();
    if (committed.isEmpty()) {
      return;
    }
    Map<GroupKey, List<TrialRecord>> groups =
        committed.stream()
            .collect(
                Collectors.groupingBy(
                    t ->
                        new GroupKey(
                            t.algorithm(),
                            t.task(),
                            c.configByTrial().getOrDefault(t.trialId(), "")),
                    () ->
                        new TreeMap<>(
                            java.util.Comparator.comparing(GroupKey::task)
                                .thenComparing(GroupKey::algorithm)
                                .thenComparing(GroupKey::config)),
                    Collectors.toList()));
    html.append("<p>Committed trials per agent and task, with their seeds and step budgets:</p>\n");
    List<List<Object>> rows = new ArrayList<>();
    groups.forEach(
        (key, trials) ->
            rows.add(
                List.of(
                    key.task(),
                    key.algorithm(),
                    key.config(),
                    trials.size(),
                    seedList(trials),
                    distinct(
                        trials, t -> t.totalSteps() == null ? "?" : t.totalSteps().toString()))));
    table(List.of("task", "algorithm", "config", "trials", "seeds", "budget (env steps)"), rows);
  }

  private void versionsSection(ReportContext c) {
    html.append("<h2>Versions</h2>\n");
    List<TrialRecord> trials = c.inventory().committedTrials();
    List<List<Object>> rows = new ArrayList<>();
    rows.add(
        List.of("diffsweep (trials' code_version)", distinct(trials, TrialRecord::codeVersion)));
    rows.add(List.of("MuJoCo", distinct(trials, TrialRecord::mujocoVersion)));
    rows.add(List.of("torch", distinct(trials, TrialRecord::torchVersion)));
    rows.add(List.of("devices", distinct(trials, TrialRecord::device)));
    c.engineVersions().forEach((name, version) -> rows.add(List.of(name, version)));
    table(List.of("component", "version"), rows);
  }

  private void methodSection(ReportContext c) {
    var o = c.options();
    html.append("<h2>How the numbers were computed</h2>\n<ul>\n");
    item(
        "Only committed trials are used. Each trial's evaluation curve (deterministic-evaluation"
            + " mean return against env steps) is linearly interpolated onto a grid of "
            + o.gridPoints()
            + " evenly spaced env steps per task, from the task's first to its last evaluation"
            + " step in the study; a trial contributes no value past its own last evaluation"
            + " (or before its first): no extrapolation.");
    item(
        "Across seeds, each grid point and score reports the mean, the median and the"
            + " interquartile mean (IQM: the mean of the middle 50 % of runs, dropping"
            + " floor(n/4) runs at each end), following Agarwal et al. (2021), rliable.");
    item(
        "Intervals: "
            + Math.round(o.bootstrap().level() * 100)
            + " % percentile intervals from "
            + o.bootstrap().replicates()
            + " stratified-bootstrap resamples (runs resampled with replacement within each"
            + " task; for per-task numbers this is the ordinary bootstrap over seeds), random"
            + " seed "
            + o.bootstrap().seed()
            + ". All points of a curve share each resample.");
    item(
        "Final return: the mean of the last "
            + Math.round(o.finalFraction() * 100)
            + " % of a trial's evaluations (at least one). Area under the curve: the"
            + " trapezoidal integral of the evaluation curve over env steps (return x steps).");
    item(
        "Steps to threshold: the first env step at which the IQM curve reaches the task's"
            + " threshold, which lies "
            + Math.round(o.thresholdFraction() * 100)
            + " % of the way from the lowest evaluation return on the task to the best final"
            + " return (IQM) of any agent; the interval comes from the bootstrap resamples of the"
            + " curve. Sample-efficiency ratio of a Diff* agent: its base's steps to threshold"
            + " divided by its own (above 1: the Diff* agent needs fewer steps); an agent that"
            + " never reaches the threshold needs infinitely many.");
    item(
        "Probability of improvement P(Diff* > base): per task the fraction of (Diff* run, base"
            + " run) pairs where the Diff* run has the higher final return (ties count one half),"
            + " averaged over tasks; intervals from resampling both agents' runs within tasks.");
    item(
        "Aggregates across tasks use "
            + (o.normalization().name().equals("MIN_MAX")
                ? "min-max normalised scores: (return - lowest) / (highest - lowest), with the"
                    + " lowest and highest evaluation return seen on the task in this study"
                : "raw returns (no normalisation)")
            + ". The performance profile is the fraction of runs whose normalised final return"
            + " exceeds tau, averaged over tasks.");
    html.append("</ul>\n");
  }

  private void resultsSection(StudyResults r, ReportContext c) {
    html.append("<h2>Across tasks (normalised final return)</h2>\n");
    resultTable(
        r.aggregate(),
        List.of("algorithm", "config", "tasks", "trials"),
        List.of("normalized_score_iqm", "normalized_score_mean", "normalized_score_median"),
        List.of("base_algorithm"),
        List.of("probability_of_improvement"));
    html.append("<h2>Per task</h2>\n");
    paragraph(
        "Thresholds: "
            + escape(
                r.thresholdByTask().entrySet().stream()
                    .map(e -> e.getKey() + " " + ReportNumbers.format(e.getValue()))
                    .collect(Collectors.joining(", ")))
            + ".");
    resultTable(
        r.summary(),
        List.of("task", "algorithm", "config", "trials"),
        List.of("final_return_iqm", "final_return_mean", "final_return_median", "auc_iqm"),
        List.of("base_algorithm"),
        List.of("steps_to_threshold", "sample_efficiency_ratio", "probability_of_improvement"));
    html.append("<h2>Plots</h2>\n");
    if (c.live().map(live -> !live.curves().isEmpty()).orElse(false)) {
      paragraph(
          "Dashed lines, marked (running), are running trials' evaluations so far; they are in"
              + " no band, table or statistic.");
    }
    c.plots().forEach(this::figure);
    html.append("<h2>Tables</h2>\n");
    paragraph(
        "Parquet folders in the study folder, each with a CSV copy under <code>csv/</code>: "
            + r.tables().stream()
                .map(t -> "<code>" + escape(t.name()) + "/</code>")
                .collect(Collectors.joining(", "))
            + ".");
  }

  /**
   * The tuning study's configurations: the winner named, the best ranked with intervals over their
   * seeds, the optimisation history and the objective against each parameter.
   */
  private void tuningSection(TuningResults tuning, ReportContext c) {
    TuneSettings settings = tuning.settings();
    html.append("<h2>Tuning</h2>\n");
    Map<String, Long> byStatus =
        tuning.configurations().stream()
            .collect(
                Collectors.groupingBy(
                    t -> String.valueOf(t.status()), TreeMap::new, Collectors.counting()));
    paragraph(
        escape(
            tuning.configurations().size()
                + " configurations proposed ("
                + byStatus.toString().replaceAll("[{}]", "")
                + "); direction: "
                + settings.direction().text()
                + ". The objective is, per seed, the mean evaluation return over the last "
                + Math.round(settings.objectiveLastFraction() * 100)
                + " % of the budget, then the interquartile mean over seeds, as the tuner"
                + " computes it."));
    if (!settings.recorded()) {
      html.append("<p class=\"note\">study.conf records no tune block: the direction")
          .append(" (maximize) and the objective's last 10 % are the tuner's defaults, and")
          .append(" parameter scales are guessed from the values.</p>\n");
    }
    tuning
        .winner()
        .ifPresentOrElse(
            winner ->
                html.append("<p class=\"note\"><strong>Best configuration: #")
                    .append(winner.configuration().number())
                    .append(" (")
                    .append(escape(winner.configuration().configId()))
                    .append(")</strong>, ")
                    .append(escape(winner.configuration().algorithm()))
                    .append(" with ")
                    .append(escape(winner.configuration().label()))
                    .append(": objective ")
                    .append(ReportNumbers.format(winner.configuration().objective()))
                    .append(".</p>\n"),
            () ->
                html.append("<p class=\"note\">No configuration has completed yet, so none is")
                    .append(" ranked.</p>\n"));
    List<String> parameters = tuning.parameters();
    List<String> headers = new ArrayList<>(List.of("rank", "tune_number", "config_id"));
    headers.addAll(parameters);
    headers.addAll(
        List.of("objective", "seeds", "IQM over seeds [95% CI]", "mean over seeds [95% CI]"));
    List<List<Object>> rows = new ArrayList<>();
    for (RankedConfiguration ranked : tuning.best()) {
      TunedConfiguration configuration = ranked.configuration();
      List<Object> cells =
          new ArrayList<>(List.of(ranked.rank(), configuration.number(), configuration.configId()));
      parameters.forEach(p -> cells.add(configuration.parameters().getOrDefault(p, "")));
      cells.add(ReportNumbers.format(configuration.objective()));
      cells.add(ranked.seedObjectives().length);
      cells.add(overSeeds(ranked, Statistic.IQM));
      cells.add(overSeeds(ranked, Statistic.MEAN));
      rows.add(cells);
    }
    if (!rows.isEmpty()) {
      paragraph(
          "The best completed configurations (at most "
              + TuningStatistics.BEST_SHOWN
              + "), also in <code>best_configurations/</code> and"
              + " <code>csv/best_configurations.csv</code>:");
      table(headers, rows);
    }
    html.append("<ul>\n");
    item(
        "Only completed configurations are ranked, by the objective the tuner recorded, best"
            + " first for "
            + settings.direction().text()
            + ". Pruned configurations stopped at a shorter budget, so their values are not"
            + " comparable with a final objective; failed ones have none.");
    item(
        "Intervals over seeds: each seed's objective is recomputed from its committed"
            + " evaluations; "
            + Math.round(c.options().bootstrap().level() * 100)
            + " % percentile intervals from "
            + c.options().bootstrap().replicates()
            + " bootstrap resamples of the seeds. With few seeds they are wide, and with one seed"
            + " they collapse to its value.");
    item(
        "Plots: completed configurations show their objective; pruned ones (grey triangles) the"
            + " objective at the last rung they reached, on a shorter budget; failed ones are"
            + " left out. The best-so-far line follows completed configurations only.");
    html.append("</ul>\n");
    c.tuningPlots().forEach(this::figure);
  }

  private static String overSeeds(RankedConfiguration ranked, Statistic statistic) {
    return ranked
        .overSeeds()
        .map(
            estimate ->
                withInterval(
                    estimate.point(statistic, 0),
                    estimate.interval(statistic, 0).low(),
                    estimate.interval(statistic, 0).high()))
        .orElse("n/a");
  }

  private void figure(PlotImage plot) {
    html.append("<figure><img alt=\"")
        .append(escape(plot.title()))
        .append("\" src=\"data:image/png;base64,")
        .append(Base64.getEncoder().encodeToString(plot.png()))
        .append("\"><figcaption>")
        .append(escape(plot.title()))
        .append(" (SVG: <code>plots/")
        .append(escape(plot.name()))
        .append(".svg</code>)</figcaption></figure>\n");
  }

  /** A table of plain columns and of estimates shown as "value [low, high]". */
  private void resultTable(
      ResultTable table,
      List<String> plain,
      List<String> estimates,
      List<String> morePlain,
      List<String> moreEstimates) {
    List<String> headers = new ArrayList<>(plain);
    headers.addAll(estimates.stream().map(e -> e + " [95% CI]").toList());
    headers.addAll(morePlain);
    headers.addAll(moreEstimates.stream().map(e -> e + " [95% CI]").toList());
    List<List<Object>> rows = new ArrayList<>();
    for (Row row : table.rows()) {
      List<Object> cells = new ArrayList<>();
      plain.forEach(p -> cells.add(Objects.toString(table.get(row, p), "")));
      estimates.forEach(e -> cells.add(estimate(table, row, e)));
      morePlain.forEach(p -> cells.add(Objects.toString(table.get(row, p), "")));
      moreEstimates.forEach(e -> cells.add(estimate(table, row, e)));
      rows.add(cells);
    }
    table(headers, rows);
  }

  private static String estimate(ResultTable table, Row row, String column) {
    Double value = table.get(row, column);
    if (value == null) {
      return "";
    }
    String lowColumn = column + "_ci_low";
    boolean hasInterval = List.of(table.schema().fieldNames()).contains(lowColumn);
    if (!hasInterval) {
      return ReportNumbers.format(value);
    }
    return withInterval(value, table.get(row, lowColumn), table.get(row, column + "_ci_high"));
  }

  private static String withInterval(Double value, Double low, Double high) {
    return ReportNumbers.format(value)
        + " ["
        + ReportNumbers.format(low)
        + ", "
        + ReportNumbers.format(high)
        + "]";
  }

  private static String seedList(List<TrialRecord> trials) {
    return trials.stream()
        .map(TrialRecord::seed)
        .collect(Collectors.toCollection(TreeSet::new))
        .toString()
        .replaceAll("[\\[\\]]", "");
  }

  private static String distinct(List<TrialRecord> trials, Function<TrialRecord, String> field) {
    String values =
        trials.stream()
            .map(field)
            .filter(Objects::nonNull)
            .collect(Collectors.toCollection(TreeSet::new))
            .stream()
            .collect(Collectors.joining(", "));
    return values.isEmpty() ? "unknown" : values;
  }

  private void table(List<String> headers, List<List<Object>> rows) {
    html.append("<table><tr>");
    for (String h : headers) {
      html.append("<th>").append(escape(h)).append("</th>");
    }
    html.append("</tr>\n");
    for (List<Object> row : rows) {
      html.append("<tr>");
      for (Object cell : row) {
        boolean text =
            !(cell instanceof Number) && !String.valueOf(cell).matches("[-0-9.\\[\\], naif]+");
        html.append(text ? "<td class=\"t\">" : "<td>")
            .append(escape(String.valueOf(cell)))
            .append("</td>");
      }
      html.append("</tr>\n");
    }
    html.append("</table>\n");
  }

  private void paragraph(String innerHtml) {
    html.append("<p>").append(innerHtml).append("</p>\n");
  }

  private void item(String text) {
    html.append("<li>").append(escape(text)).append("</li>\n");
  }

  static String escape(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
