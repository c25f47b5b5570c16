package dev.diffsweep.trainer.bench;

import dev.diffsweep.trainer.agent.Agent;
import dev.diffsweep.trainer.agent.AgentContext;
import dev.diffsweep.trainer.agent.ConfiguredAlgorithm;
import dev.diffsweep.trainer.agent.registry.AlgorithmRegistry;
import dev.diffsweep.trainer.env.TaskSpec;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The unit of training work bench update times, driven through the agent's own act and observe on
 * {@link SyntheticExperience}: for an off-policy agent one env step's training (a critic update and
 * on average one actor update), for an on-policy agent one minibatch update (a rollout's training
 * divided by its minibatch updates).
 */
public final class UpdateWorkload implements AutoCloseable {
  private static final long SEED = 0;

  private final ConfiguredAlgorithm algorithm;
  private final Agent agent;
  private final SyntheticExperience experience;
  private final String unit;
  private final int stepsBeforeLearning;
  private final int vectorStepsPerTraining;
  private final int unitsPerTraining;

  private UpdateWorkload(
      ConfiguredAlgorithm algorithm,
      TaskSpec spec,
      AgentContext context,
      String unit,
      int stepsBeforeLearning,
      int vectorStepsPerTraining,
      int unitsPerTraining) {
    this.algorithm = algorithm;
    this.agent = algorithm.create(spec, context);
    this.experience = new SyntheticExperience(spec, SEED);
    this.unit = unit;
    this.stepsBeforeLearning = stepsBeforeLearning;
    this.vectorStepsPerTraining = vectorStepsPerTraining;
    this.unitsPerTraining = unitsPerTraining;
  }

  /**
   * The workload of {@code name} with the user's overrides. An off-policy agent's learning_starts
   * is set to four batches of replay rows, which {@link #start} fills.
   */
  public static UpdateWorkload create(
      String name, Map<String, String> overrides, TaskSpec spec, AgentContext context) {
    ConfiguredAlgorithm configured = AlgorithmRegistry.get(name).configure(overrides);
    Map<String, String> hp = configured.hyperparameters();
    if (hp.containsKey("learning_starts")) {
      int rows = 4 * Integer.parseInt(hp.get("batch_size"));
      Map<String, String> filled = new LinkedHashMap<>(overrides);
      filled.put("learning_starts", String.valueOf(rows));
      // Training starts at the first step past learning_starts.
      return new UpdateWorkload(
          AlgorithmRegistry.get(name).configure(filled), spec, context, "env step", rows + 1, 1, 1);
    }
    int vectorSteps = Integer.parseInt(hp.get("num_steps"));
    int updates = Integer.parseInt(hp.get("update_epochs")) * (rolloutRows(hp) / batchSize(hp));
    return new UpdateWorkload(configured, spec, context, "minibatch", 0, vectorSteps, updates);
  }

  /**
   * The rows one unit trains on: an off-policy agent's batch_size; an on-policy agent's minibatch,
   * the rollout's K augmented rows per env step split num_minibatches ways.
   */
  public static int batchSize(Map<String, String> hp) {
    if (hp.containsKey("batch_size")) {
      return Integer.parseInt(hp.get("batch_size"));
    }
    return Math.max(1, rolloutRows(hp) / Integer.parseInt(hp.get("num_minibatches")));
  }

  private static int rolloutRows(Map<String, String> hp) {
    return Integer.parseInt(hp.get("num_steps"))
        * Integer.parseInt(hp.get("num_envs"))
        * diffusionSteps(hp);
  }

  /** K, the chain's steps; 1 for an agent without a chain. */
  public static int diffusionSteps(Map<String, String> hp) {
    return hp.containsKey("diffusion_steps") ? Integer.parseInt(hp.get("diffusion_steps")) : 1;
  }

  public ConfiguredAlgorithm algorithm() {
    return algorithm;
  }

  /** Fills an off-policy agent's replay buffer up to where it starts learning. */
  public void start() {
    experience.steps(agent, stepsBeforeLearning);
  }

  /** Runs at least {@code units} units of training; returns the seconds per unit. */
  public double secondsPerUnit(int units) {
    int trainings = Math.max(1, (units + unitsPerTraining - 1) / unitsPerTraining);
    double seconds = 0;
    for (int i = 0; i < trainings; i++) {
      // A rollout's steps but its last only record; the last one trains on the whole rollout.
      experience.steps(agent, vectorStepsPerTraining - 1);
      seconds += experience.steps(agent, 1);
    }
    return seconds / (trainings * unitsPerTraining);
  }

  /** "env step" for off-policy agents, "minibatch" for on-policy ones. */
  public String unit() {
    return unit;
  }

  @Override
  public void close() {
    agent.close();
  }
}
