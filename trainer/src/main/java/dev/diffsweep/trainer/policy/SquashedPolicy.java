package dev.diffsweep.trainer.policy;

import ai.djl.ndarray.NDArray;
import dev.diffsweep.trainer.nn.ParameterGroup;

/**
 * A stochastic policy whose sample is a differentiable function of the parameters and of
 * standard-normal noise the caller draws (reparameterisation). The caller owns the noise so that
 * all randomness comes from one checkpointable stream.
 */
public interface SquashedPolicy {

  /** Standard-normal draws one sample needs (the noise tensor is [B, noiseWidth]). */
  int noiseWidth();

  PolicySample sample(NDArray observations, NDArray noise);

  /** The deterministic action (zero noise), rescaled to the actuator range, shape [B, d]. */
  NDArray deterministicAction(NDArray observations);

  ParameterGroup parameters();
}
