package dev.diffsweep.trainer.agent.sac;

import dev.diffsweep.trainer.agent.AgentContext;
import dev.diffsweep.trainer.env.TaskSpec;
import dev.diffsweep.trainer.policy.ActionScaling;
import dev.diffsweep.trainer.policy.DiffusionPolicy;

/**
 * DiffSAC is {@link Sac} with the diffusion chain as its actor (docs/ALGORITHMS.md, section 4): the
 * chain log-ratio takes log pi's place in the critic target, the actor loss and the temperature
 * loss. No other line differs.
 */
public final class DiffSac {
  private DiffSac() {}

  public static Sac create(DiffSacHyperparameters hp, TaskSpec spec, AgentContext context) {
    return new Sac(
        "diffsac",
        hp.sac(),
        hp.entTargetMult(),
        spec,
        context,
        (manager, task, random) ->
            DiffusionPolicy.forTask(
                manager, task, hp.networks().diffusion(), ActionScaling.of(manager, task), random));
  }
}
