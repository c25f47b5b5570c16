package dev.diffsweep.trainer.agent;

import dev.diffsweep.trainer.env.TaskSpec;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * An algorithm with its hyperparameters resolved.
 *
 * @param hyperparameters every key with its value as a string, in the record's order
 * @param earlierRunsValues the keys a run of an earlier build may lack, each with the value that
 *     run computed ({@link Hyperparameters#idNeutralDefaults}): how a checkpoint or run.json
 *     written before such a key existed is read
 */
public record ConfiguredAlgorithm(
    String name,
    Map<String, String> hyperparameters,
    Map<String, String> earlierRunsValues,
    BiFunction<TaskSpec, AgentContext, Agent> factory) {

  public Agent create(TaskSpec spec, AgentContext context) {
    return factory.apply(spec, context);
  }
}
