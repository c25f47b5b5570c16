package dev.diffsweep.pipeline.trial;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * What the driver knows of each trial while a study runs, and the lines it logs: a line when a
 * trial changes state, and on request a summary with env steps and an ETA. Thread-safe: Spark's
 * listener thread and the driver's polling loop both report here.
 */
public final class StudyProgress {
  private final String study;
  private final PrintWriter out;
  private final LongSupplier nanoClock;
  private final long startedNanos;
  private final Map<String, Entry> entries = new LinkedHashMap<>();
  private boolean changed = true;
  private String sparkTraces;

  private static final long NOT_YET_READ = -1;

  private static final class Entry {
    final Trial trial;
    TrialStatus status = TrialStatus.QUEUED;
    int attempts;
    long envSteps;

    /** When this attempt's first env-step count was read, and that count: the rate's origin. */
    long attemptStartNanos;

    long stepsAtAttemptStart = NOT_YET_READ;
    TrialOutcome outcome;

    Entry(Trial trial) {
      this.trial = trial;
    }
  }

  public StudyProgress(String study, List<Trial> trials, PrintWriter out, LongSupplier nanoClock) {
    this.study = study;
    this.out = out;
    this.nanoClock = nanoClock;
    this.startedNanos = nanoClock.getAsLong();
    for (Trial trial : trials) {
      entries.put(trial.id(), new Entry(trial));
    }
  }

  /** A trial committed by an earlier run of the study: done, and nothing to log. */
  public synchronized void committedBefore(TrialOutcome outcome) {
    Entry entry = entries.get(outcome.trialId());
    entry.status = TrialStatus.COMPLETED;
    entry.outcome = outcome;
    entry.attempts = outcome.attempts();
    entry.envSteps = outcome.envSteps();
    changed = true;
  }

  public synchronized void started(String trialId, int attempt) {
    Entry entry = entries.get(trialId);
    if (entry.outcome != null) {
      return;
    }
    entry.status = TrialStatus.RUNNING;
    entry.attempts = attempt;
    // A resumed attempt starts at its checkpoint's step count, which the driver learns only from
    // the trial's run.json; counting from the last count known here would pass off the restored
    // steps as steps trained since the start (a resumed trial showed 2 000 steps/s, ETA 20 s).
    entry.stepsAtAttemptStart = NOT_YET_READ;
    changed = true;
    log(trialId + ": running (attempt " + attempt + ")");
  }

  /** Where Spark's task traces go, for the attempt-failed lines to name. */
  public synchronized void sparkTracesIn(String file) {
    sparkTraces = file;
  }

  public synchronized void attemptFailed(String trialId, int attempt, String reason) {
    Entry entry = entries.get(trialId);
    if (entry.outcome != null) {
      return;
    }
    entry.status = TrialStatus.QUEUED;
    changed = true;
    log(
        trialId
            + ": attempt "
            + attempt
            + " failed, Spark retries it: "
            + firstLine(reason)
            + (sparkTraces == null ? "" : " (Spark's trace: " + sparkTraces + ")"));
  }

  /** The env steps a running trial's run.json reports. */
  public synchronized void envSteps(String trialId, long envSteps) {
    Entry entry = entries.get(trialId);
    if (entry.outcome == null && entry.stepsAtAttemptStart == NOT_YET_READ) {
      entry.stepsAtAttemptStart = envSteps;
      entry.attemptStartNanos = nanoClock.getAsLong();
    }
    if (entry.outcome == null && envSteps != entry.envSteps) {
      entry.envSteps = envSteps;
      changed = true;
    }
  }

  public synchronized void finished(TrialOutcome outcome) {
    Entry entry = entries.get(outcome.trialId());
    if (entry.outcome != null) {
      return;
    }
    entry.outcome = outcome;
    entry.status = outcome.status();
    entry.attempts = Math.max(entry.attempts, outcome.attempts());
    entry.envSteps = outcome.envSteps();
    changed = true;
    if (outcome.status() == TrialStatus.COMPLETED) {
      log(
          String.format(
              "%s: done, %d env steps in %s, %d attempt(s), final eval return %s",
              outcome.trialId(),
              outcome.envSteps(),
              duration(outcome.wallTimeS()),
              entry.attempts,
              outcome.finalEvalReturn() == null
                  ? "n/a"
                  : String.format("%.1f", outcome.finalEvalReturn())));
    } else {
      log(
          outcome.trialId()
              + ": failed after "
              + entry.attempts
              + " attempt(s): "
              + firstLine(outcome.error()));
    }
  }

  /** How many trials are completed (committed), in this run or before. */
  public synchronized int completed() {
    int completed = 0;
    for (Entry entry : entries.values()) {
      if (entry.status == TrialStatus.COMPLETED) {
        completed++;
      }
    }
    return completed;
  }

  /** The running trials' ids. */
  public synchronized List<String> running() {
    List<String> ids = new ArrayList<>();
    entries.forEach(
        (id, entry) -> {
          if (entry.status == TrialStatus.RUNNING) {
            ids.add(id);
          }
        });
    return ids;
  }

  /** Logs one line per running trial and the study's totals with an ETA. */
  public synchronized void logSummary() {
    long now = nanoClock.getAsLong();
    int done = 0;
    int failed = 0;
    int running = 0;
    int queued = 0;
    long stepsDone = 0;
    long stepsTotal = 0;
    double stepsPerSecond = 0;
    for (Entry entry : entries.values()) {
      stepsTotal += entry.trial.steps();
      stepsDone += entry.status == TrialStatus.FAILED ? entry.trial.steps() : entry.envSteps;
      switch (entry.status) {
        case COMPLETED -> done++;
        case FAILED -> failed++;
        case QUEUED -> queued++;
        case RUNNING -> {
          running++;
          double rate = rate(entry, now);
          stepsPerSecond += rate;
          double eta = rate > 0 ? (entry.trial.steps() - entry.envSteps) / rate : Double.NaN;
          log(
              String.format(
                  "%s: %d/%d env steps, %.0f steps/s, ETA %s",
                  entry.trial.id(), entry.envSteps, entry.trial.steps(), rate, duration(eta)));
        }
      }
    }
    double eta = stepsPerSecond > 0 ? (stepsTotal - stepsDone) / stepsPerSecond : Double.NaN;
    log(
        String.format(
            "%d done, %d running, %d queued, %d failed; %d/%d env steps; elapsed %s, ETA %s",
            done,
            running,
            queued,
            failed,
            stepsDone,
            stepsTotal,
            duration((now - startedNanos) / 1e9),
            duration(eta)));
  }

  /** The trials table as it stands; also clears the changed flag. */
  public synchronized List<TrialRow> rows() {
    changed = false;
    List<TrialRow> rows = new ArrayList<>();
    for (Entry entry : entries.values()) {
      rows.add(
          new TrialRow(entry.trial, entry.status, entry.attempts, entry.envSteps, entry.outcome));
    }
    return rows;
  }

  public synchronized boolean changedSinceRows() {
    return changed;
  }

  private double rate(Entry entry, long now) {
    if (entry.stepsAtAttemptStart == NOT_YET_READ) {
      return 0;
    }
    double seconds = (now - entry.attemptStartNanos) / 1e9;
    return seconds > 0 ? (entry.envSteps - entry.stepsAtAttemptStart) / seconds : 0;
  }

  private void log(String line) {
    out.println("[study " + study + "] " + line);
    out.flush();
  }

  private static String firstLine(String text) {
    if (text == null) {
      return "(no message)";
    }
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline) + " ...";
  }

  static String duration(double seconds) {
    if (Double.isNaN(seconds) || Double.isInfinite(seconds)) {
      return "unknown";
    }
    long total = Math.round(seconds);
    if (total < 60) {
      return total + "s";
    }
    if (total < 3600) {
      return (total / 60) + "m" + String.format("%02d", total % 60) + "s";
    }
    return (total / 3600) + "h" + String.format("%02d", (total % 3600) / 60) + "m";
  }
}
