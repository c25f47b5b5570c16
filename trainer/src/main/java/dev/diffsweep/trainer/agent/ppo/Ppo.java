package dev.diffsweep.trainer.agent.ppo;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.diffsweep.trainer.agent.AgentContext;
import dev.diffsweep.trainer.agent.AgentState;
import dev.diffsweep.trainer.agent.NonFiniteLossException;
import dev.diffsweep.trainer.agent.PolicyFactory;
import dev.diffsweep.trainer.agent.Temperature;
import dev.diffsweep.trainer.agent.TorchAgent;
import dev.diffsweep.trainer.agent.TrainingDiagnostics;
import dev.diffsweep.trainer.agent.Transition;
import dev.diffsweep.trainer.env.TaskSpec;
import dev.diffsweep.trainer.nn.AdamOptimizer;
import dev.diffsweep.trainer.nn.GradientTape;
import dev.diffsweep.trainer.nn.HostArrays;
import dev.diffsweep.trainer.nn.OrthogonalMlp;
import dev.diffsweep.trainer.nn.ParameterGroup;
import dev.diffsweep.trainer.policy.AugmentedPolicy;
import dev.diffsweep.trainer.policy.GaussianKernel;
import dev.diffsweep.trainer.policy.GaussianStepPolicy;
import dev.diffsweep.trainer.state.StatePart;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.IntStream;

/**
 * PPO (Schulman et al. 2017) following CleanRL's ppo_continuous_action.py, on the
 * diffusion-augmented MDP of an {@link AugmentedPolicy}: with a Gaussian policy (K = 1, alpha = 0)
 * it is PPO; with the diffusion chain it is DiffPPO (docs/ALGORITHMS.md, section 6), whose rollout
 * holds K augmented transitions per env step, whose value network is V(s, x_k, k) and whose ratio
 * is the per-step kernel's.
 *
 * <p>It steps num_envs copies of the environment as one vector env: one forward acts for all
 * copies, and a rollout holds num_steps env steps of each. Per rollout: GAE over the augmented rows
 * along each copy's time line ({@link AugmentedRollout}), then update_epochs passes of
 * num_minibatches shuffled minibatches of all copies' rows, each one Adam step on
 *
 * <pre>
 *   L = mean max(-A rho, -A clip(rho, 1 +- eps)) - ent_coef H + vf_coef 0.5 mean max((V - R)^2, (V_clip - R)^2)
 * </pre>
 *
 * with A normalised per minibatch, the global gradient norm clipped to max_grad_norm and the
 * learning rate annealed linearly over the run's rollouts. Observations are normalised by running
 * statistics (updated on every copy's every observation acted on, applied frozen in evaluation),
 * rewards scaled by the running std of the discounted return (one return per copy, see {@link
 * RewardScaler}). Truncated episodes bootstrap from the value of their final observation. DiffPPO's
 * temperature alpha is fixed or tuned ({@link Temperature}); a rollout's soft rewards take the
 * value it has when the rollout's update begins. A minibatch's gradients come from {@link
 * PpoGradients}: torch's autograd, or PPO's native kernel where {@code gradients=native} asks.
 */
public final class Ppo extends TorchAgent {
  private static final double OBSERVATION_EPSILON = 1e-8;
  private static final double VALUE_OUTPUT_GAIN = 1.0;

  private final PpoSettings hp;
  private final Temperature temperature;
  private final double chainLambda;
  private final TaskSpec spec;
  private final AugmentedPolicy policy;
  private final ParameterGroup valueParameters;
  private final OrthogonalMlp valueNetwork;
  private final PpoGradients gradients;
  private final AdamOptimizer policyOptimizer;
  private final AdamOptimizer valueOptimizer;
  private final RunningMeanStd observationStatistics;
  private final RewardScaler rewardScaler;
  private final AugmentedRollout rollout;
  private final AgentState state;
  private final long iterations;
  private final int diffusionSteps;
  private final int copies;
  private final int actionSize;
  private long envSteps;
  private long iteration;
  private long minibatchUpdates;
  private Pending[] pending;

  /** What act computed for one copy's step, which observe will record. */
  private record Pending(
      float[] observation,
      float[] chain,
      float[] logDensities,
      float[] logRatios,
      float[] values) {}

  public Ppo(
      String name,
      PpoSettings hp,
      PpoGradients.Path gradientPath,
      Temperature temperature,
      double chainLambda,
      TaskSpec spec,
      AgentContext context,
      PolicyFactory<AugmentedPolicy> policyFactory) {
    super(name, context);
    this.hp = hp;
    this.temperature = temperature;
    this.chainLambda = chainLambda;
    this.spec = spec;
    this.policy = policyFactory.create(manager, spec, random.split());
    this.diffusionSteps = policy.diffusionSteps();
    this.copies = hp.numEnvs();
    this.actionSize = spec.actionSize();
    this.valueParameters = new ParameterGroup(manager);
    this.valueNetwork =
        new OrthogonalMlp(
            valueParameters,
            "value",
            OrthogonalMlp.Nonlinearity.TANH,
            VALUE_OUTPUT_GAIN,
            random.split(),
            policy.featureSize(),
            hp.hiddenSize(),
            hp.hiddenSize(),
            1);
    this.gradients =
        gradientPath == PpoGradients.Path.NATIVE
            ? FusedPpoGradients.require(policy, valueNetwork, valueParameters, hp)
            : new TorchPpoGradients(manager, policy, valueNetwork, valueParameters, hp);
    // CleanRL's Adam epsilon is 1e-5, not torch's 1e-8.
    this.policyOptimizer =
        new AdamOptimizer(policy.parameters(), hp.learningRate(), 0.9, 0.999, 1e-5);
    this.valueOptimizer = new AdamOptimizer(valueParameters, hp.learningRate(), 0.9, 0.999, 1e-5);
    this.observationStatistics = new RunningMeanStd(spec.observationSize());
    this.rewardScaler = new RewardScaler(hp.gamma(), hp.rewardClip(), copies);
    this.rollout =
        new AugmentedRollout(
            hp.numSteps(), copies, diffusionSteps, spec.observationSize(), actionSize);
    this.iterations = Math.max(1, context.totalSteps() / ((long) hp.numSteps() * copies));
    this.state =
        AgentState.of(name)
            .add("policy", policy.parameters())
            .add("value network", valueParameters)
            .add("policy optimiser", policyOptimizer)
            .add("value optimiser", valueOptimizer)
            .add("observation statistics", observationStatistics)
            .add("reward scaler", rewardScaler)
            .add("temperature", temperature)
            .add("rollout", rollout)
            .add("random", random)
            .add("env steps", StatePart.counter(() -> envSteps, value -> envSteps = value))
            .add("iteration", StatePart.counter(() -> iteration, value -> iteration = value))
            .add(
                "minibatch updates",
                StatePart.counter(() -> minibatchUpdates, value -> minibatchUpdates = value))
            .add("diagnostics", diagnosticsPart())
            .build();
  }

  /** PPO proper: the Gaussian policy of CleanRL (tanh MLP, state-independent log sigma). */
  public static Ppo create(PpoHyperparameters hp, TaskSpec spec, AgentContext context) {
    return new Ppo(
        "ppo",
        hp.ppo(),
        hp.gradientPath(),
        Temperature.fixed(0),
        1.0,
        spec,
        context,
        PolicyFactory.gaussianStep(
            new GaussianStepPolicy.Settings(
                hp.ppo().hiddenSize(),
                OrthogonalMlp.Nonlinearity.TANH,
                hp.logStdInit(),
                -20,
                2,
                GaussianStepPolicy.ActionMap.CLIP)));
  }

  @Override
  public int envCopies() {
    return copies;
  }

  /**
   * All copies' actions from one batch: the chains of the N observations sampled together, and
   * every augmented step of every chain (N K rows, copy-major) scored by one kernel and value
   * forward.
   */
  @Override
  public double[][] act(double[][] observations) {
    GradientTape.stopRecordingOnThisThread();
    if (observations.length != copies) {
      throw new IllegalArgumentException(
          "expected " + copies + " observations, one per copy, got " + observations.length);
    }
    if (hp.normObs()) {
      for (double[] observation : observations) {
        observationStatistics.update(observation);
      }
    }
    int obs = spec.observationSize();
    float[] normalized = new float[copies * obs];
    for (int copy = 0; copy < copies; copy++) {
      System.arraycopy(normalize(observations[copy]), 0, normalized, copy * obs, obs);
    }
    int chainSize = (diffusionSteps + 1) * actionSize;
    try (NDManager scope = manager.newSubManager()) {
      NDArray state = HostArrays.floats(scope, normalized, new Shape(copies, obs));
      NDArray noise =
          HostArrays.floats(
              scope, random.gaussians(copies * chainSize), new Shape(copies, chainSize));
      List<NDArray> chain = policy.sampleChain(state, noise);
      // Copy i's x_0 .. x_K as row i; its K augmented rows i K + k are x_k -> x_{k+1}.
      NDArray chains = NDArrays.concat(new NDList(chain), 1);
      NDArray states = state.repeat(0, diffusionSteps);
      Shape augmentedRows = new Shape(copies * diffusionSteps, actionSize);
      NDArray from =
          NDArrays.stack(new NDList(chain.subList(0, diffusionSteps)), 1).reshape(augmentedRows);
      NDArray to =
          NDArrays.stack(new NDList(chain.subList(1, diffusionSteps + 1)), 1)
              .reshape(augmentedRows);
      NDArray oneHot =
          HostArrays.floats(
              scope, stepOneHots(copies), new Shape(copies * diffusionSteps, diffusionSteps));
      GaussianKernel kernel = policy.kernel(states, from, oneHot);
      NDArray logDensities = kernel.logDensity(to);
      NDArray logRatios = logDensities.sub(kernel.backwardLogDensity(from, to));
      NDArray values = valueNetwork.forward(policy.features(states, from, oneHot));
      float[] chainValues = chains.toFloatArray();
      float[] logDensityValues = logDensities.toFloatArray();
      float[] logRatioValues = logRatios.toFloatArray();
      float[] valueValues = values.toFloatArray();
      float[] actionValues = policy.toAction(chain.get(diffusionSteps)).toFloatArray();
      pending = new Pending[copies];
      double[][] actions = new double[copies][actionSize];
      for (int copy = 0; copy < copies; copy++) {
        pending[copy] =
            new Pending(
                Arrays.copyOfRange(normalized, copy * obs, (copy + 1) * obs),
                Arrays.copyOfRange(chainValues, copy * chainSize, (copy + 1) * chainSize),
                Arrays.copyOfRange(
                    logDensityValues, copy * diffusionSteps, (copy + 1) * diffusionSteps),
                Arrays.copyOfRange(
                    logRatioValues, copy * diffusionSteps, (copy + 1) * diffusionSteps),
                Arrays.copyOfRange(
                    valueValues, copy * diffusionSteps, (copy + 1) * diffusionSteps));
        for (int j = 0; j < actionSize; j++) {
          actions[copy][j] = actionValues[copy * actionSize + j];
        }
      }
      return actions;
    }
  }

  /** One-hot rows of steps 0 .. K - 1, repeated for each of {@code chains} chains. */
  private float[] stepOneHots(int chains) {
    float[] oneHot = new float[chains * diffusionSteps * diffusionSteps];
    for (int row = 0; row < chains * diffusionSteps; row++) {
      oneHot[row * diffusionSteps + row % diffusionSteps] = 1f;
    }
    return oneHot;
  }

  @Override
  public double[] actDeterministic(double[] observation) {
    return deterministicAction(normalize(observation), policy::deterministicAction);
  }

  private float[] normalize(double[] observation) {
    if (hp.normObs()) {
      return observationStatistics.normalize(observation, OBSERVATION_EPSILON, hp.obsClip());
    }
    float[] values = new float[observation.length];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) observation[i];
    }
    return values;
  }

  @Override
  public void observe(List<Transition> transitions) {
    if (pending == null) {
      throw new IllegalStateException("observe without a preceding act");
    }
    if (transitions.size() != copies) {
      throw new IllegalArgumentException(
          "expected " + copies + " transitions, one per copy, got " + transitions.size());
    }
    GradientTape.stopRecordingOnThisThread();
    double[] rewards = new double[copies];
    for (int copy = 0; copy < copies; copy++) {
      Transition transition = transitions.get(copy);
      rewards[copy] =
          hp.normReward()
              ? rewardScaler.scale(copy, transition.reward(), transition.terminated())
              : transition.reward();
    }
    double[] valuesAfter = valuesOf(transitions, Ppo::truncatedOnly);
    for (int copy = 0; copy < copies; copy++) {
      Transition transition = transitions.get(copy);
      recordPending(
          copy,
          rewards[copy],
          transition.terminated(),
          truncatedOnly(transition),
          valuesAfter[copy]);
    }
    pending = null;
    envSteps += copies;
    if (rollout.full()) {
      // Episodes still running at the rollout's end bootstrap from the state each copy reached.
      rollout.finish(
          valuesOf(transitions, transition -> !transition.terminated() && !transition.truncated()));
      update();
      rollout.clear();
    }
  }

  /** Cut by the time limit in a state that is not terminal: its value goes on past the cut. */
  private static boolean truncatedOnly(Transition transition) {
    return transition.truncated() && !transition.terminated();
  }

  /**
   * V(s', x_0, 0) with x_0 drawn from the prior (the value of a state before its chain starts) for
   * the next observation of each copy whose transition {@code wanted} selects, in one forward; 0
   * for the others. Draws noise only for the selected copies.
   */
  private double[] valuesOf(List<Transition> transitions, Predicate<Transition> wanted) {
    int obs = spec.observationSize();
    int[] selected =
        IntStream.range(0, copies).filter(c -> wanted.test(transitions.get(c))).toArray();
    double[] valuesAfter = new double[copies];
    if (selected.length == 0) {
      return valuesAfter;
    }
    int b = selected.length;
    float[] normalized = new float[b * obs];
    float[] oneHot = new float[b * diffusionSteps];
    for (int i = 0; i < b; i++) {
      float[] row = normalize(transitions.get(selected[i]).nextObservation());
      System.arraycopy(row, 0, normalized, i * obs, obs);
      oneHot[i * diffusionSteps] = 1f;
    }
    try (NDManager scope = manager.newSubManager()) {
      NDArray state = HostArrays.floats(scope, normalized, new Shape(b, obs));
      NDArray first =
          policy.initialState(
              HostArrays.floats(scope, random.gaussians(b * actionSize), new Shape(b, actionSize)));
      NDArray stepZero = HostArrays.floats(scope, oneHot, new Shape(b, diffusionSteps));
      float[] values = valueNetwork.forward(policy.features(state, first, stepZero)).toFloatArray();
      for (int i = 0; i < b; i++) {
        valuesAfter[selected[i]] = values[i];
      }
    }
    return valuesAfter;
  }

  /** One PPO iteration over the full rollout. */
  private void update() {
    iteration++;
    double learningRate =
        hp.annealLr()
            ? Math.max(0, 1.0 - (iteration - 1.0) / iterations) * hp.learningRate()
            : hp.learningRate();
    AugmentedRollout.Targets targets =
        rollout.targets(temperature.alpha(), hp.gamma(), hp.gaeLambda(), chainLambda);
    int rows = rollout.rows();
    int minibatch = Math.max(1, rows / hp.numMinibatches());
    int[] order = new int[rows];
    for (int i = 0; i < rows; i++) {
      order[i] = i;
    }
    for (int epoch = 0; epoch < hp.updateEpochs(); epoch++) {
      shuffle(order);
      for (int start = 0; start + minibatch <= rows; start += minibatch) {
        int[] indices = Arrays.copyOfRange(order, start, start + minibatch);
        minibatchUpdate(indices, targets, learningRate);
      }
    }
    double meanLogRatio = 0;
    for (int row = 0; row < rows; row++) {
      meanLogRatio += rollout.logRatio(row) / rows;
    }
    // -E[sum_k l_k]: the chain part of the entropy bound; -E[log pi] for the Gaussian.
    diagnostics =
        new TrainingDiagnostics(
            diagnostics.actorLoss(),
            diagnostics.criticLoss(),
            temperature.alpha(),
            -diffusionSteps * meanLogRatio);
  }

  private void shuffle(int[] order) {
    for (int i = order.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int swap = order[i];
      order[i] = order[j];
      order[j] = swap;
    }
  }

  /** One Adam step of policy and value network on the rows {@code indices}. */
  private void minibatchUpdate(int[] indices, AugmentedRollout.Targets targets, double lr) {
    GradientTape.stopRecordingOnThisThread();
    int b = indices.length;
    int obs = spec.observationSize();
    float[] observations = new float[b * obs];
    float[] from = new float[b * actionSize];
    float[] to = new float[b * actionSize];
    float[] oneHot = new float[b * diffusionSteps];
    float[] oldLogDensities = new float[b];
    float[] advantages = new float[b];
    float[] returns = new float[b];
    float[] oldValues = new float[b];
    double meanLogRatio = 0;
    for (int i = 0; i < b; i++) {
      int row = indices[i];
      meanLogRatio += rollout.logRatio(row) / b;
      rollout.copyObservation(row, observations, i * obs);
      rollout.copyState(row, true, to, i * actionSize);
      rollout.copyState(row, false, from, i * actionSize);
      oneHot[i * diffusionSteps + rollout.step(row)] = 1f;
      oldLogDensities[i] = rollout.logDensity(row);
      advantages[i] = (float) targets.advantages()[row];
      returns[i] = (float) targets.returns()[row];
      oldValues[i] = rollout.value(row);
    }
    if (hp.normAdv()) {
      advantages = PpoLosses.normalizeAdvantages(advantages);
    }
    PpoGradients.Losses losses =
        gradients.compute(
            new PpoGradients.Minibatch(
                b,
                observations,
                from,
                to,
                oneHot,
                oldLogDensities,
                advantages,
                returns,
                oldValues));
    double policyLoss = checkFinite("policy loss", losses.policy());
    double valueLoss = checkFinite("value loss", losses.value());
    gradients.step(policyOptimizer, valueOptimizer, lr, clippingScale(gradients.squaredNorm()));
    minibatchUpdates++;
    // K times a step's mean log-ratio estimates the chain's, as DiffWPO's temperature does.
    temperature.update(diffusionSteps * meanLogRatio);
    diagnostics =
        new TrainingDiagnostics(policyLoss, valueLoss, temperature.alpha(), diagnostics.entropy());
  }

  /** The factor that clips the gradients to the global norm maxGradNorm. */
  private double clippingScale(double squaredNorm) {
    double norm = Math.sqrt(squaredNorm);
    return norm > hp.maxGradNorm() ? hp.maxGradNorm() / (norm + 1e-6) : 1.0;
  }

  private double checkFinite(String what, double value) {
    return NonFiniteLossException.requireFinite(name + " " + what, value, minibatchUpdates);
  }

  /** Adds what {@link #act} computed for {@code copy} to the rollout, with the step's outcome. */
  private void recordPending(
      int copy, double reward, boolean terminated, boolean truncated, double valueAfter) {
    Pending step = pending[copy];
    rollout.add(
        copy,
        step.observation(),
        step.chain(),
        step.logDensities(),
        step.logRatios(),
        step.values(),
        reward,
        terminated,
        truncated,
        valueAfter);
  }

  @Override
  public AgentState state() {
    return state;
  }
}
