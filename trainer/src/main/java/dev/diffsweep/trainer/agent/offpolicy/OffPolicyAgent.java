package dev.diffsweep.trainer.agent.offpolicy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.diffsweep.trainer.agent.AgentContext;
import dev.diffsweep.trainer.agent.AgentState;
import dev.diffsweep.trainer.agent.NonFiniteLossException;
import dev.diffsweep.trainer.agent.PolicyFactory;
import dev.diffsweep.trainer.agent.ReplayBuffer;
import dev.diffsweep.trainer.agent.SingleCopyAgent;
import dev.diffsweep.trainer.agent.Temperature;
import dev.diffsweep.trainer.agent.TorchAgent;
import dev.diffsweep.trainer.agent.TrainingDiagnostics;
import dev.diffsweep.trainer.agent.Transition;
import dev.diffsweep.trainer.env.TaskSpec;
import dev.diffsweep.trainer.nn.AdamOptimizer;
import dev.diffsweep.trainer.nn.HostArrays;
import dev.diffsweep.trainer.nn.ParameterGroup;
import dev.diffsweep.trainer.state.StatePart;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * What SAC and WPO (and so DiffSAC and DiffWPO) train alike around their actor: the twin critics
 * ({@link CriticLearner}), the actor's Adam optimiser, the entropy temperature, the replay buffer,
 * the schedule of one critic step per env step after learning_starts with policy_frequency actor
 * steps every policy_frequency steps, and the checkpoint that lists all of it. A subclass builds
 * its critic target and its actor step; the two algorithms differ in nothing else here.
 *
 * @param <P> the kind of policy the agent trains
 */
public abstract class OffPolicyAgent<P> extends TorchAgent implements SingleCopyAgent {

  /**
   * What the critics and the replay buffer see of an actor.
   *
   * @param parameters what the actor's optimiser trains
   * @param criticInputSize the critics' input x besides the action (the observation, or the
   *     augmented state's features)
   * @param storedActionWidth the columns a replay row keeps for the action (a whole chain for WPO)
   * @param targetEntropy the entropy a tuned temperature aims at
   */
  public record ActorLayout(
      ParameterGroup parameters,
      int criticInputSize,
      int storedActionWidth,
      double targetEntropy) {}

  /** One actor step: returns {actor loss, the batch's mean log density of the actions taken}. */
  @FunctionalInterface
  protected interface ActorStep {
    double[] run();
  }

  protected final OffPolicySettings settings;
  protected final TaskSpec spec;
  protected final P policy;
  protected final CriticLearner critics;
  protected final AdamOptimizer policyOptimizer;
  protected final Temperature temperature;
  protected final ReplayBuffer buffer;
  protected long envSteps;
  protected long updates;
  private final ParameterGroup policyParameters;
  private AgentState state;

  /**
   * Builds the policy (from the run's first split), then the critics (the next two), the
   * optimisers, the temperature and the replay buffer, as {@code layout} of the policy says.
   */
  protected OffPolicyAgent(
      String name,
      AgentContext context,
      OffPolicySettings settings,
      int hiddenSize,
      TaskSpec spec,
      PolicyFactory<P> policyFactory,
      Function<P, ActorLayout> layout) {
    super(name, context);
    this.settings = settings;
    this.spec = spec;
    this.policy = policyFactory.create(manager, spec, random.split());
    ActorLayout actor = layout.apply(policy);
    this.policyParameters = actor.parameters();
    int actionSize = spec.actionSize();
    this.critics =
        new CriticLearner(
            manager, actor.criticInputSize(), actionSize, hiddenSize, settings, random);
    this.policyOptimizer = new AdamOptimizer(actor.parameters(), settings.policyLr());
    this.temperature = settings.temperature(actor.targetEntropy());
    this.buffer =
        new ReplayBuffer(
            settings.replayCapacity(context.totalSteps()),
            spec.observationSize(),
            actor.storedActionWidth());
  }

  /**
   * Lists the checkpoint, once, at the end of the subclass's constructor: the policy, the critics,
   * then what {@code actorCopies} adds, in its order (WPO's trailing actor), then the training
   * state. The order is the byte layout ({@link AgentState}).
   */
  protected final void listCheckpoint(Consumer<AgentState.Builder> actorCopies) {
    if (state != null) {
      throw new IllegalStateException("the checkpoint is listed once");
    }
    AgentState.Builder parts =
        AgentState.of(name).add("policy", policyParameters).add("critics", critics.networks());
    actorCopies.accept(parts);
    this.state =
        parts
            .add("policy optimiser", policyOptimizer)
            .add("critic optimiser", critics.optimizer())
            .add("temperature", temperature)
            .add("replay buffer", buffer)
            .add("random", random)
            .add("env steps", StatePart.counter(() -> envSteps, value -> envSteps = value))
            .add("updates", StatePart.counter(() -> updates, value -> updates = value))
            .add("diagnostics", diagnosticsPart())
            .build();
  }

  /** Stores {@code transition} and, after learning_starts env steps, runs one {@link #update}. */
  protected final void store(Transition transition) {
    buffer.add(transition);
    long globalStep = envSteps++;
    if (globalStep > settings.learningStarts()) {
      update(globalStep);
    }
  }

  /** One gradient step of the critics and, on its schedule, of the actor and temperature. */
  public abstract void update(long globalStep);

  /**
   * Ends an update whose critic step returned {@code criticLoss}: counts it, runs the actor steps
   * when {@code globalStep} is on the policy_frequency schedule (the temperature tuned after each),
   * updates the target critics on theirs and records the diagnostics.
   */
  protected final void finishUpdate(long globalStep, double criticLoss, ActorStep actorStep) {
    updates++;
    double actorLoss = diagnostics.actorLoss();
    double entropy = diagnostics.entropy();
    if (globalStep % settings.policyFrequency() == 0) {
      for (int i = 0; i < settings.policyFrequency(); i++) {
        double[] result = actorStep.run();
        actorLoss = result[0];
        entropy = -result[1];
        temperature.update(result[1]);
      }
    }
    critics.updateTarget(globalStep);
    diagnostics = new TrainingDiagnostics(actorLoss, criticLoss, temperature.alpha(), entropy);
  }

  /** Standard normal draws, {@code rows} x {@code width}, from the run's stream. */
  protected NDArray noise(NDManager scope, int rows, int width) {
    return HostArrays.floats(scope, random.gaussians(rows * width), new Shape(rows, width));
  }

  /** {@code value}, unless it is not finite: then the agent and its update count are named. */
  protected double checkFinite(String what, double value) {
    return NonFiniteLossException.requireFinite(name + " " + what, value, updates);
  }

  public P policy() {
    return policy;
  }

  @Override
  public Optional<ReplayBuffer> replayBuffer() {
    return Optional.of(buffer);
  }

  @Override
  public AgentState state() {
    return state;
  }
}
