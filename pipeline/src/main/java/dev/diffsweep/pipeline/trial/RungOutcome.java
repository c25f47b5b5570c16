package dev.diffsweep.pipeline.trial;

import dev.diffsweep.pipeline.tune.EvaluationPoint;
import java.io.Serializable;
import java.util.List;

/**
 * What one run gave at a tuning rung: its evaluation curve up to the rung's budget, or why it
 * failed.
 *
 * @param newlyTrained false when the run was at the budget already (a rerun)
 */
public record RungOutcome(
    String trialId, List<EvaluationPoint> curve, String error, boolean newlyTrained)
    implements Serializable {

  public RungOutcome {
    curve = List.copyOf(curve);
  }

  public static RungOutcome trained(
      String trialId, List<EvaluationPoint> curve, boolean newlyTrained) {
    return new RungOutcome(trialId, curve, null, newlyTrained);
  }

  public static RungOutcome failed(String trialId, String error) {
    return new RungOutcome(trialId, List.of(), error, false);
  }
}
