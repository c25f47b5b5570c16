package dev.diffsweep.trainer.agent;

import dev.diffsweep.trainer.env.TaskSpec;

/** Builds an agent from its hyperparameter record. */
@FunctionalInterface
public interface AgentFactory<H extends Record> {
  Agent create(H hyperparameters, TaskSpec spec, AgentContext context);
}
