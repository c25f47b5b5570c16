package dev.diffsweep.trainer.agent.sac;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.diffsweep.trainer.agent.AgentContext;
import dev.diffsweep.trainer.agent.PolicyFactory;
import dev.diffsweep.trainer.agent.ReplayBuffer;
import dev.diffsweep.trainer.agent.Transition;
import dev.diffsweep.trainer.agent.offpolicy.CriticLosses;
import dev.diffsweep.trainer.agent.offpolicy.OffPolicyAgent;
import dev.diffsweep.trainer.env.TaskSpec;
import dev.diffsweep.trainer.nn.GradientTape;
import dev.diffsweep.trainer.nn.HostArrays;
import dev.diffsweep.trainer.policy.ActionScaling;
import dev.diffsweep.trainer.policy.PolicySample;
import dev.diffsweep.trainer.policy.SquashedPolicy;
import dev.diffsweep.trainer.policy.TanhGaussianPolicy;

/**
 * Soft actor-critic (Haarnoja et al. 2018) following CleanRL's sac_continuous_action.py, over any
 * {@link SquashedPolicy}: with a tanh-Gaussian it is SAC, with the diffusion chain it is DiffSAC
 * (docs/ALGORITHMS.md, section 4), where every log pi below is the chain log-ratio l.
 *
 * <p>Per env step g (0-based), after {@code learning_starts}:
 *
 * <pre>
 *   y        = r + gamma (1 - terminated) (min_j Qbar_j(s', a') - alpha log pi(a'|s')),  a' ~ pi(.|s')
 *   L_Q      = sum_j mean (Q_j(s, a) - y)^2
 *   every policy_frequency steps, policy_frequency times:
 *     L_pi   = mean (alpha log pi(a~|s) - min_j Q_j(s, a~)),  a~ ~ pi(.|s) reparameterised
 *     J(alpha) = mean -alpha (log pi(a~|s) + H_target)  (log pi from the same sample, detached)
 *   every target_network_frequency steps: Qbar = (1 - tau) Qbar + tau Q
 * </pre>
 */
public final class Sac extends OffPolicyAgent<SquashedPolicy> {

  private final SacHyperparameters hp;

  public Sac(
      String name,
      SacHyperparameters hp,
      double targetEntropyMultiplier,
      TaskSpec spec,
      AgentContext context,
      PolicyFactory<SquashedPolicy> policyFactory) {
    super(
        name,
        context,
        hp.offPolicy(),
        hp.hiddenSize(),
        spec,
        policyFactory,
        policy ->
            new ActorLayout(
                policy.parameters(),
                spec.observationSize(),
                spec.actionSize(),
                -spec.actionSize() * targetEntropyMultiplier));
    this.hp = hp;
    listCheckpoint(parts -> {});
  }

  /** SAC proper: the tanh-Gaussian actor. */
  public static Sac create(SacHyperparameters hp, TaskSpec spec, AgentContext context) {
    return new Sac(
        "sac",
        hp,
        1.0,
        spec,
        context,
        (manager, task, random) ->
            new TanhGaussianPolicy(
                manager,
                task.observationSize(),
                task.actionSize(),
                hp.hiddenSize(),
                hp.logStdMin(),
                hp.logStdMax(),
                ActionScaling.of(manager, task),
                random));
  }

  @Override
  public double[] act(double[] observation) {
    if (envSteps < hp.offPolicy().learningStarts()) {
      double[] action = new double[spec.actionSize()];
      for (int i = 0; i < action.length; i++) {
        double low = spec.actionLow()[i];
        action[i] = low + (spec.actionHigh()[i] - low) * random.nextDouble();
      }
      return action;
    }
    GradientTape.stopRecordingOnThisThread();
    try (NDManager scope = manager.newSubManager()) {
      NDArray noise = noise(scope, 1, policy.noiseWidth());
      return HostArrays.toDoubles(
          policy.sample(HostArrays.row(scope, observation), noise).action());
    }
  }

  @Override
  public double[] actDeterministic(double[] observation) {
    return deterministicAction(HostArrays.toFloats(observation), policy::deterministicAction);
  }

  @Override
  public void observe(Transition transition) {
    store(transition);
  }

  @Override
  public void update(long globalStep) {
    GradientTape.stopRecordingOnThisThread();
    try (NDManager scope = manager.newSubManager()) {
      ReplayBuffer.Batch batch = buffer.sample(hp.offPolicy().batchSize(), random);
      int b = batch.size();
      int obs = spec.observationSize();
      int act = spec.actionSize();
      NDArray observations = HostArrays.floats(scope, batch.observations(), new Shape(b, obs));
      NDArray actions = HostArrays.floats(scope, batch.actions(), new Shape(b, act));
      NDArray nextObservations =
          HostArrays.floats(scope, batch.nextObservations(), new Shape(b, obs));
      NDArray rewards = HostArrays.floats(scope, batch.rewards(), new Shape(b, 1));
      NDArray notDone = HostArrays.floats(scope, batch.terminated(), new Shape(b, 1)).neg().add(1f);

      // Target: no tape is open, so torch records nothing here.
      double alpha = temperature.alpha();
      PolicySample next = policy.sample(nextObservations, noise(scope, b, policy.noiseWidth()));
      NDArray target =
          CriticLosses.criticTarget(
              rewards,
              notDone,
              hp.offPolicy().gamma(),
              critics.targetMin(nextObservations, next.action()),
              next.logDensity(),
              alpha);

      double criticLoss = critics.step(observations, actions, target, this::checkFinite);
      finishUpdate(globalStep, criticLoss, () -> updateActor(scope, observations, b));
    }
  }

  /** Returns {actor loss, mean log density of the sample}. */
  private double[] updateActor(NDManager scope, NDArray observations, int b) {
    double alpha = temperature.alpha();
    // Frozen critics: the actor's loss flows through Q to the action only.
    double[] result =
        critics.frozen(
            () -> {
              try (GradientTape tape = GradientTape.open()) {
                PolicySample sample =
                    policy.sample(observations, noise(scope, b, policy.noiseWidth()));
                NDArray actorLoss =
                    SacLosses.actorLoss(
                        sample.logDensity(), critics.min(observations, sample.action()), alpha);
                tape.backward(actorLoss);
                double loss = checkFinite("actor loss", actorLoss.getFloat());
                double meanLogDensity =
                    checkFinite("policy log-density", sample.logDensity().mean().getFloat());
                return new double[] {loss, meanLogDensity};
              }
            });
    policyOptimizer.step();
    return result;
  }
}
