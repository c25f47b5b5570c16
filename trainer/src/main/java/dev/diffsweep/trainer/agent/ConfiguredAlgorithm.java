package dev.diffsweep.trainer.agent;

import dev.diffsweep.trainer.env.TaskSpec;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * An algorithm with its hyperparameters resolved.
 *
 * @param hyperparameters every key with its value as a string, in the record's order
 */
public record ConfiguredAlgorithm(
    String name,
    Map<String, String> hyperparameters,
    BiFunction<TaskSpec, AgentContext, Agent> factory) {

  public Agent create(TaskSpec spec, AgentContext context) {
    return factory.apply(spec, context);
  }
}
