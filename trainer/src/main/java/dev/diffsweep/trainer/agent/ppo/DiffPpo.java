package dev.diffsweep.trainer.agent.ppo;

import dev.diffsweep.trainer.agent.AgentContext;
import dev.diffsweep.trainer.env.TaskSpec;
import dev.diffsweep.trainer.policy.DiffusionStepPolicy;

/**
 * DiffPPO is {@link Ppo} over the K-step diffusion chain (docs/ALGORITHMS.md, section 6): PPO on
 * the diffusion-augmented MDP, whose rollout holds every chain step, with the chain's soft rewards
 * at temperature alpha and GAE inside the chain at chain_gae_lambda. It always takes torch's
 * gradients.
 */
public final class DiffPpo {
  private DiffPpo() {}

  public static Ppo create(DiffPpoHyperparameters hp, TaskSpec spec, AgentContext context) {
    return new Ppo(
        "diffppo",
        hp.ppo(),
        PpoGradients.Path.TORCH,
        hp.temperature(spec.actionSize()),
        hp.chainGaeLambda(),
        spec,
        context,
        (manager, task, random) ->
            DiffusionStepPolicy.create(manager, task, hp.diffusion(), random));
  }
}
