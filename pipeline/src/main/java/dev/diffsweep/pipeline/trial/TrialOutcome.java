package dev.diffsweep.pipeline.trial;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import dev.diffsweep.analysis.verify.CommittedFile;
import java.io.Serializable;
import java.util.List;

/**
 * How a trial's task ended: completed (and committed) or failed for good. The task returns it to
 * the driver and also leaves it in the run folder, so a driver that died before hearing of it finds
 * it on the next run.
 *
 * @param attempts Spark task attempts this trial took in the study run that ended it
 * @param newlyTrained false when the trial had been committed before and nothing ran
 * @param files what the commit recorded of each committed file (rows, bytes, CRC-32C), which {@code
 *     verify} checks; null before the commit, and in outcomes committed before commits recorded
 *     files
 */
public record TrialOutcome(
    String trialId,
    TrialStatus status,
    int attempts,
    long envSteps,
    double wallTimeS,
    Double finalEvalReturn,
    Double bestEvalReturn,
    String error,
    String codeVersion,
    String mujocoVersion,
    String torchVersion,
    String host,
    String device,
    boolean newlyTrained,
    List<CommittedFile> files)
    implements Serializable {
  // Unescaped, so that outcome.json shows a recorded path's "trial_id=" as written.
  private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

  /** The outcome a run record describes. */
  public static TrialOutcome from(
      RunRecord run, TrialStatus status, int attempts, String error, String device) {
    return new TrialOutcome(
        run.trialId,
        status,
        attempts,
        run.envSteps == null ? 0 : run.envSteps,
        run.wallTimeS == null ? 0 : run.wallTimeS,
        run.finalEvalReturn,
        run.bestEvalReturn,
        error,
        run.version("diffsweep"),
        run.version("mujoco"),
        run.version("torch"),
        run.host,
        run.device == null ? device : run.device,
        true,
        null);
  }

  /** A failure with no usable run record (the trainer never wrote one). */
  public static TrialOutcome failedWithoutRecord(
      String trialId, int attempts, String error, String host, String device) {
    return new TrialOutcome(
        trialId,
        TrialStatus.FAILED,
        attempts,
        0,
        0,
        null,
        null,
        error,
        null,
        null,
        null,
        host,
        device,
        true,
        null);
  }

  /** The same outcome, reported by a later study run that had nothing to do. */
  public TrialOutcome alreadyDone() {
    return with(false, files);
  }

  /** The same outcome with the files its commit recorded. */
  public TrialOutcome withFiles(List<CommittedFile> committed) {
    return with(newlyTrained, List.copyOf(committed));
  }

  private TrialOutcome with(boolean newlyTrained, List<CommittedFile> files) {
    return new TrialOutcome(
        trialId,
        status,
        attempts,
        envSteps,
        wallTimeS,
        finalEvalReturn,
        bestEvalReturn,
        error,
        codeVersion,
        mujocoVersion,
        torchVersion,
        host,
        device,
        newlyTrained,
        files);
  }

  public String toJson() {
    return GSON.toJson(this);
  }

  public static TrialOutcome fromJson(String json) {
    return GSON.fromJson(json, TrialOutcome.class);
  }
}
