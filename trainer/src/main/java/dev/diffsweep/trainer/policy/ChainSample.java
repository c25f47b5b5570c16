package dev.diffsweep.trainer.policy;

import ai.djl.ndarray.NDArray;
import java.util.List;

/**
 * One pass of the diffusion chain.
 *
 * @param sample the squashed action, its rescaled form and the chain log-ratio
 * @param states x_0 .. x_K, each [B, d] (empty unless asked for)
 * @param stepLogRatios l_k = log F(x_{k+1}|x_k) - log B(x_k|x_{k+1}), each [B] (empty unless asked
 *     for, and for deterministic passes)
 */
public record ChainSample(PolicySample sample, List<NDArray> states, List<NDArray> stepLogRatios) {}
