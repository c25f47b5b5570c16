package dev.diffsweep.trainer.agent.wpo;

import dev.diffsweep.trainer.agent.Checks;
import dev.diffsweep.trainer.agent.Default;
import dev.diffsweep.trainer.agent.NonNegative;
import dev.diffsweep.trainer.agent.Positive;

/**
 * How WPO's (and DiffWPO's) actor step moves: its gradient's metric and its trust region.
 *
 * @param naturalGradient scale the mean's gradient by sigma^2 and sigma's by sigma^2 / 2 (for
 *     DiffWPO: the kernel mean's gradient by its variance)
 * @param klBound bound on the batch's mean KL(previous || current) of the actor, in nats; 0 turns
 *     the bound off. The previous actor is a copy of the actor that trails it by Polyak averaging
 *     at the critics' rate tau after every actor step (a copy taken at the step itself would be at
 *     KL 0 with zero gradient); past the bound the actor's step descends kl_weight KL instead of
 *     the WPO loss ({@link WpoLosses#klBounded}). For DiffWPO the KL is between the live and the
 *     trailing actor's kernels F(. | s, x_k, k) at the sampled augmented states.
 * @param klWeight lambda, the weight of that KL loss
 */
public record WpoActorSettings(
    @Default("false") boolean naturalGradient,
    @Default("0") @NonNegative double klBound,
    @Default("1") @Positive double klWeight) {

  public WpoActorSettings {
    Checks.components(WpoActorSettings.class, naturalGradient, klBound, klWeight);
  }

  /** Whether the actor is held near its trailing copy ({@code kl_bound} > 0). */
  public boolean klBounded() {
    return klBound > 0;
  }
}
