package dev.diffsweep.trainer.agent.wpo;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.diffsweep.trainer.agent.AgentContext;
import dev.diffsweep.trainer.agent.PolicyFactory;
import dev.diffsweep.trainer.agent.ReplayBuffer;
import dev.diffsweep.trainer.agent.Temperature;
import dev.diffsweep.trainer.agent.Transition;
import dev.diffsweep.trainer.agent.offpolicy.CriticLosses;
import dev.diffsweep.trainer.agent.offpolicy.OffPolicyAgent;
import dev.diffsweep.trainer.env.TaskSpec;
import dev.diffsweep.trainer.nn.GradientTape;
import dev.diffsweep.trainer.nn.HostArrays;
import dev.diffsweep.trainer.nn.OrthogonalMlp;
import dev.diffsweep.trainer.policy.AugmentedPolicy;
import dev.diffsweep.trainer.policy.GaussianKernel;
import dev.diffsweep.trainer.policy.GaussianStepPolicy;
import dev.diffsweep.trainer.state.RandomStream;
import java.util.List;

/**
 * Wasserstein policy optimisation (Pfau et al. 2025) with off-policy twin critics, on the
 * diffusion-augmented MDP of an {@link AugmentedPolicy}: with a Gaussian policy (K = 1) it is WPO,
 * with the diffusion chain DiffWPO (docs/ALGORITHMS.md, section 8), whose critic is Q(s, x_k, k,
 * x_{k+1}).
 *
 * <p>The replay buffer keeps whole chains x_0 .. x_K per env step; each sampled row picks a step k
 * uniformly. Soft Q-learning on the augmented steps (the current step's -alpha l_k enters through
 * the actor, the following step's through the target):
 *
 * <pre>
 *   k &lt; K-1:  y = Qbar(s, x_{K-1}, K-1, x_K) - alpha sum_{j=k+1}^{K-1} l_j,
 *                 the chain run on from x_{k+1}
 *   k = K-1:  y = r + gamma (1 - terminated) (Qbar(s', x'_{K-1}, K-1, x'_K)
 *                 - alpha sum_{j=0}^{K-1} l_j),  the chain run from x'_0 ~ p_0 at s'
 * </pre>
 *
 * so the discount applies across env steps only and rewards arrive on the chain's last step. The
 * soft value of the next augmented state is estimated by running the current chain to its end and
 * asking the last step's target critic, rather than bootstrapping from the next step's critic: a
 * value then reaches step 0 through one target network instead of K of them, each lagging by the
 * Polyak rate (with one-step bootstrapping the critics of early steps lagged so far that DiffWPO
 * stalled at returns near 80 on InvertedPendulum). For K = 1 both forms are the same. The actor
 * loss is {@link WpoLosses#actorLoss} at y ~ F(.|x_k, s, k) with dQ/dy from autodiff through the
 * frozen critic. For the Gaussian the flow lives in the pre-tanh sample x_1 while the critic sees
 * {@link AugmentedPolicy#criticInput} tanh(x_1), so dQ/dx_1 vanishes where the env's action no
 * longer changes (a critic on raw x_1 extrapolated there and drove the mean out). alpha is fixed
 * or, as SAC's, tuned towards entropy -d ({@link Temperature}); the actor and the critic target of
 * one update read the same value. Without the entropy term the flow of -Q alone shrinks the
 * Gaussian's sigma wherever Q is concave in the action and exploration stops. Training begins after
 * learning_starts steps; the policy itself acts from the start, as the chain states it stores must
 * be its own. With {@code kl_bound} > 0 a frozen copy of the actor trails it by Polyak averaging,
 * and an actor step whose batch has moved the kernels further than the bound from the copy's
 * descends the KL instead ({@link WpoLosses#klBounded}).
 */
public final class Wpo extends OffPolicyAgent<AugmentedPolicy> {

  private final WpoHyperparameters hp;

  /** The trailing copy of the actor that the KL bound measures against; null without the bound. */
  private final AugmentedPolicy previousPolicy;

  private final int diffusionSteps;
  private final int actionSize;
  private double[] pendingChain;

  public Wpo(
      String name,
      WpoHyperparameters hp,
      TaskSpec spec,
      AgentContext context,
      PolicyFactory<AugmentedPolicy> policyFactory) {
    super(
        name,
        context,
        hp.offPolicy(),
        hp.hiddenSize(),
        spec,
        policyFactory,
        // SAC's target entropy -d; the density tuned is the chain's log-ratio (log pi for K = 1).
        policy ->
            new ActorLayout(
                policy.parameters(),
                policy.featureSize(),
                (policy.diffusionSteps() + 1) * spec.actionSize(),
                -spec.actionSize()));
    this.hp = hp;
    this.diffusionSteps = policy.diffusionSteps();
    this.actionSize = spec.actionSize();
    this.previousPolicy = hp.actor().klBounded() ? trailingCopy(policyFactory) : null;
    listCheckpoint(
        parts -> {
          if (previousPolicy != null) {
            parts.add("previous policy", previousPolicy.parameters());
          }
        });
  }

  /**
   * A frozen copy of the actor. Its initial values are overwritten by the copy, so it draws them
   * from a stream of its own rather than from the run's, whose later draws stay as without the
   * bound.
   */
  private AugmentedPolicy trailingCopy(PolicyFactory<AugmentedPolicy> policyFactory) {
    AugmentedPolicy copy = policyFactory.create(manager, spec, new RandomStream(0));
    copy.parameters().copyFrom(policy.parameters());
    copy.parameters().setTrainable(false);
    return copy;
  }

  /** WPO proper: a Gaussian actor (ReLU MLP mean, state-independent log sigma, tanh action). */
  public static Wpo create(WpoHyperparameters hp, TaskSpec spec, AgentContext context) {
    return new Wpo(
        "wpo",
        hp,
        spec,
        context,
        PolicyFactory.gaussianStep(
            new GaussianStepPolicy.Settings(
                hp.hiddenSize(),
                OrthogonalMlp.Nonlinearity.RELU,
                hp.logStdInit(),
                hp.logStdMin(),
                hp.logStdMax(),
                GaussianStepPolicy.ActionMap.TANH)));
  }

  @Override
  public double[] act(double[] observation) {
    GradientTape.stopRecordingOnThisThread();
    try (NDManager scope = manager.newSubManager()) {
      NDArray state = HostArrays.row(scope, observation);
      List<NDArray> chain =
          policy.sampleChain(state, noise(scope, 1, (diffusionSteps + 1) * actionSize));
      pendingChain = HostArrays.toDoubles(NDArrays.concat(new NDList(chain), 1));
      return HostArrays.toDoubles(policy.toAction(chain.get(diffusionSteps)));
    }
  }

  @Override
  public double[] actDeterministic(double[] observation) {
    return deterministicAction(HostArrays.toFloats(observation), policy::deterministicAction);
  }

  @Override
  public void observe(Transition transition) {
    if (pendingChain == null) {
      throw new IllegalStateException("observe without a preceding act");
    }
    // The chain, not the action, is what the augmented critic and actor need.
    double[] chain = pendingChain;
    pendingChain = null;
    store(
        new Transition(
            transition.observation(),
            chain,
            transition.reward(),
            transition.nextObservation(),
            transition.terminated(),
            transition.truncated()));
  }

  /** A sampled batch of augmented transitions (one random chain step per stored env step). */
  private record AugmentedBatch(
      NDArray observations,
      NDArray from,
      NDArray to,
      NDArray stepOneHot,
      NDArray nextObservations,
      NDArray nextFrom,
      NDArray chainRemaining,
      NDArray rewards,
      NDArray continuation) {}

  private AugmentedBatch sampleBatch(NDManager scope) {
    ReplayBuffer.Batch batch = buffer.sample(hp.offPolicy().batchSize(), random);
    int b = batch.size();
    int obs = spec.observationSize();
    int width = (diffusionSteps + 1) * actionSize;
    float[] from = new float[b * actionSize];
    float[] to = new float[b * actionSize];
    float[] oneHot = new float[b * diffusionSteps];
    float[] nextObs = new float[b * obs];
    float[] nextFrom = new float[b * actionSize];
    // Row i, column j: 1 where chain step j still lies ahead of the next augmented state.
    float[] remaining = new float[b * diffusionSteps];
    float[] lastStep = new float[b];
    float[] rewards = new float[b];
    float[] continuation = new float[b];
    for (int i = 0; i < b; i++) {
      int k = random.nextInt(diffusionSteps);
      int chain = i * width;
      System.arraycopy(batch.actions(), chain + k * actionSize, from, i * actionSize, actionSize);
      System.arraycopy(
          batch.actions(), chain + (k + 1) * actionSize, to, i * actionSize, actionSize);
      oneHot[i * diffusionSteps + k] = 1f;
      boolean last = k == diffusionSteps - 1;
      float[] nextSource = last ? batch.nextObservations() : batch.observations();
      System.arraycopy(nextSource, i * obs, nextObs, i * obs, obs);
      if (!last) {
        System.arraycopy(to, i * actionSize, nextFrom, i * actionSize, actionSize);
      }
      int nextStep = (k + 1) % diffusionSteps;
      for (int j = nextStep; j < diffusionSteps; j++) {
        remaining[i * diffusionSteps + j] = 1f;
      }
      lastStep[i] = last ? 1f : 0f;
      rewards[i] = last ? batch.rewards()[i] : 0f;
      continuation[i] = last ? (float) hp.offPolicy().gamma() * (1f - batch.terminated()[i]) : 1f;
    }
    NDArray lastMask = HostArrays.floats(scope, lastStep, new Shape(b, 1));
    // A chain's first state after an env step is a fresh draw from the prior.
    NDArray freshStart = policy.initialState(noise(scope, b, actionSize)).mul(lastMask);
    return new AugmentedBatch(
        HostArrays.floats(scope, batch.observations(), new Shape(b, obs)),
        HostArrays.floats(scope, from, new Shape(b, actionSize)),
        HostArrays.floats(scope, to, new Shape(b, actionSize)),
        HostArrays.floats(scope, oneHot, new Shape(b, diffusionSteps)),
        HostArrays.floats(scope, nextObs, new Shape(b, obs)),
        HostArrays.floats(scope, nextFrom, new Shape(b, actionSize)).add(freshStart),
        HostArrays.floats(scope, remaining, new Shape(b, diffusionSteps)),
        HostArrays.floats(scope, rewards, new Shape(b, 1)),
        HostArrays.floats(scope, continuation, new Shape(b, 1)));
  }

  /** One critic step and, on its schedule, actor steps and the target update. */
  @Override
  public void update(long globalStep) {
    GradientTape.stopRecordingOnThisThread();
    try (NDManager scope = manager.newSubManager()) {
      AugmentedBatch batch = sampleBatch(scope);
      int b = hp.offPolicy().batchSize();
      double alpha = temperature.alpha();
      ChainCompletion.End end =
          ChainCompletion.run(
              scope,
              policy,
              batch.nextObservations(),
              batch.nextFrom(),
              batch.chainRemaining(),
              () -> noise(scope, b, actionSize));
      NDArray target =
          CriticLosses.criticTarget(
              batch.rewards(),
              batch.continuation(),
              1.0,
              critics.targetMin(end.lastFeatures(), end.lastCriticInput()),
              end.logRatioSum(),
              alpha);
      NDArray features = policy.features(batch.observations(), batch.from(), batch.stepOneHot());
      double criticLoss =
          critics.step(
              features,
              policy.criticInput(batch.to(), batch.stepOneHot()),
              target,
              this::checkFinite);
      finishUpdate(
          globalStep,
          criticLoss,
          () -> {
            double[] result = updateActor(scope, batch, features, temperature.alpha());
            // One step's mean log-ratio times K estimates the chain's log-ratio.
            return new double[] {result[0], diffusionSteps * result[1]};
          });
    }
  }

  /**
   * Returns {actor loss, mean log-ratio of the sampled steps}. One kernel forward serves both the
   * sample y with its coefficient (through a detached view) and the loss's gradient.
   */
  private double[] updateActor(
      NDManager scope, AugmentedBatch batch, NDArray features, double alpha) {
    int b = hp.offPolicy().batchSize();
    GaussianKernel previous =
        previousPolicy == null
            ? null
            : previousPolicy.kernel(batch.observations(), batch.from(), batch.stepOneHot());
    double meanLogRatio;
    double loss;
    try (GradientTape tape = GradientTape.open()) {
      GaussianKernel live = policy.kernel(batch.observations(), batch.from(), batch.stepOneHot());
      GaussianKernel current = live.detached();
      NDArray next = current.sample(noise(scope, b, actionSize));
      meanLogRatio =
          checkFinite("policy log-ratio", current.logRatio(batch.from(), next).mean().getFloat());
      NDArray criticGradient = criticActionGradient(tape, features, next, batch.stepOneHot());
      NDArray coefficient =
          WpoLosses.coefficient(
              current.logRatioGradient(batch.from(), next), criticGradient, alpha);
      NDArray actorLoss =
          WpoLosses.actorLoss(live, coefficient, batch.from(), next, hp.actor().naturalGradient());
      if (previous != null) {
        actorLoss =
            WpoLosses.klBounded(
                actorLoss,
                live.klFrom(previous).mean(),
                hp.actor().klBound(),
                hp.actor().klWeight());
      }
      tape.backward(actorLoss);
      loss = checkFinite("actor loss", actorLoss.getFloat());
    }
    policyOptimizer.step();
    if (previousPolicy != null) {
      previousPolicy.parameters().polyakFrom(policy.parameters(), hp.offPolicy().tau());
    }
    return new double[] {loss, meanLogRatio};
  }

  /**
   * dQ/dy of min_j Q_j(features, y) per row, by autodiff through the frozen critics, on the open
   * {@code tape} (its own graph: the actor's, recorded on the same tape, is not touched).
   */
  private NDArray criticActionGradient(
      GradientTape tape, NDArray features, NDArray next, NDArray stepOneHot) {
    NDArray action = next.duplicate();
    action.setRequiresGradient(true);
    critics.frozenRun(
        () -> tape.backward(critics.min(features, policy.criticInput(action, stepOneHot)).sum()));
    NDArray gradient = action.getGradient().duplicate();
    action.setRequiresGradient(false);
    return gradient;
  }

  /**
   * The mean KL(previous || live) of the actor's kernels over a sampled batch, which the KL bound
   * holds near kl_bound.
   *
   * @throws IllegalStateException without the bound (there is no previous actor)
   */
  double meanKlToPreviousActor() {
    if (previousPolicy == null) {
      throw new IllegalStateException("kl_bound is 0: there is no previous actor");
    }
    GradientTape.stopRecordingOnThisThread();
    try (NDManager scope = manager.newSubManager()) {
      AugmentedBatch batch = sampleBatch(scope);
      GaussianKernel previous =
          previousPolicy.kernel(batch.observations(), batch.from(), batch.stepOneHot());
      GaussianKernel live = policy.kernel(batch.observations(), batch.from(), batch.stepOneHot());
      return live.klFrom(previous).mean().getFloat();
    }
  }
}
