package dev.diffsweep.trainer.agent;

import ai.djl.Device;

/**
 * What an agent needs from its run besides the task and its hyperparameters.
 *
 * @param device where its networks live
 * @param seed seeds every random choice the agent makes (initialisation, exploration, sampling)
 * @param totalSteps the run's env-step budget (an off-policy agent never needs a buffer larger)
 */
public record AgentContext(Device device, long seed, long totalSteps) {}
