package dev.diffsweep.trainer.agent.wpo;

import dev.diffsweep.trainer.agent.AgentContext;
import dev.diffsweep.trainer.env.TaskSpec;
import dev.diffsweep.trainer.policy.DiffusionStepPolicy;

/**
 * DiffWPO is {@link Wpo} over the K-step diffusion chain (docs/ALGORITHMS.md, section 8): WPO on
 * the diffusion-augmented MDP, whose critic is Q(s, x_k, k, x_{k+1}) and whose replay buffer keeps
 * whole chains.
 */
public final class DiffWpo {
  private DiffWpo() {}

  public static Wpo create(DiffWpoHyperparameters hp, TaskSpec spec, AgentContext context) {
    return new Wpo(
        "diffwpo",
        hp.wpo(),
        spec,
        context,
        (manager, task, random) ->
            DiffusionStepPolicy.create(manager, task, hp.networks().diffusion(), random));
  }
}
