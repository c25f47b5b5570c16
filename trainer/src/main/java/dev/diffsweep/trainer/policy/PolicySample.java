package dev.diffsweep.trainer.policy;

import ai.djl.ndarray.NDArray;

/**
 * A batch of actions drawn from a squashed policy.
 *
 * @param squashed tanh(x) in (-1, 1), shape [B, d]
 * @param action the same, rescaled to the task's actuator range: what the critic and the
 *     environment see, shape [B, d]
 * @param logDensity log pi(action | s) for a Gaussian policy; the chain log-ratio (an upper bound
 *     of it in expectation) for a diffusion policy; shape [B]. Both include the tanh and rescaling
 *     Jacobians, so they are densities of {@code action}.
 */
public record PolicySample(NDArray squashed, NDArray action, NDArray logDensity) {}
