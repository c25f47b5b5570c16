package dev.diffsweep.trainer.agent.offpolicy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.diffsweep.trainer.nn.AdamOptimizer;
import dev.diffsweep.trainer.nn.GradientTape;
import dev.diffsweep.trainer.state.RandomStream;
import dev.diffsweep.trainer.state.StatePart;
import java.util.function.Supplier;

/**
 * The twin critic of an off-policy agent (SAC, DiffSAC, WPO, DiffWPO) with what trains it: its
 * target copy Qbar, its Adam optimiser and the Polyak schedule. The agent computes the regression
 * target y its algorithm defines (from {@link #targetMin}) and hands it to {@link #step}; the actor
 * reads the online critic through {@link #min}, frozen ({@link #frozen}). Stable-Baselines3 splits
 * its off-policy agents the same way, here by composition:
 *
 * <pre>
 *   step:          L_Q = sum_j mean (Q_j(x, a) - y)^2, one Adam step (q_lr)
 *   updateTarget:  every target_network_frequency steps, Qbar = (1 - tau) Qbar + tau Q
 * </pre>
 */
public final class CriticLearner {

  /** The owner's check of a loss value (it names the agent and its update count when it throws). */
  @FunctionalInterface
  public interface FiniteCheck {
    double require(String what, double value);
  }

  private final TwinCritic critic;
  private final TwinCritic target;
  private final AdamOptimizer optimizer;
  private final double tau;
  private final int targetNetworkFrequency;

  /**
   * A critic over inputs x of {@code inputSize} columns and actions of {@code actionSize}. The
   * critic's initial values come from one split of {@code random}, then the target's from a second
   * (which the copy of the critic's overwrites: the split keeps the run's later draws as they
   * were).
   */
  public CriticLearner(
      NDManager manager,
      int inputSize,
      int actionSize,
      int hiddenSize,
      OffPolicySettings settings,
      RandomStream random) {
    this.critic = new TwinCritic(manager, inputSize, actionSize, hiddenSize, random.split());
    this.target = new TwinCritic(manager, inputSize, actionSize, hiddenSize, random.split());
    target.parameters().copyFrom(critic.parameters());
    // Target networks are never differentiated.
    target.parameters().setTrainable(false);
    this.optimizer = new AdamOptimizer(critic.parameters(), settings.qLr());
    this.tau = settings.tau();
    this.targetNetworkFrequency = settings.targetNetworkFrequency();
  }

  /** min_j Qbar_j(x, a), shape [B, 1]; call it outside a tape (a target is a constant). */
  public NDArray targetMin(NDArray inputs, NDArray actions) {
    return target.min(inputs, actions);
  }

  /** min_j Q_j(x, a) of the online critic, shape [B, 1]. */
  public NDArray min(NDArray inputs, NDArray actions) {
    return critic.min(inputs, actions);
  }

  /**
   * One gradient step of sum_j mean (Q_j(x, a) - y)^2 towards {@code target} y, [B, 1]; returns the
   * loss, which {@code check} sees before the optimiser steps.
   */
  public double step(NDArray inputs, NDArray actions, NDArray target, FiniteCheck check) {
    double loss;
    try (GradientTape tape = GradientTape.open()) {
      NDArray value = CriticLosses.criticLoss(critic.both(inputs, actions), target);
      tape.backward(value);
      loss = check.require("critic loss", value.getFloat());
    }
    optimizer.step();
    return loss;
  }

  /** The Polyak update of the target, when env step {@code globalStep} is on its schedule. */
  public void updateTarget(long globalStep) {
    if (globalStep % targetNetworkFrequency == 0) {
      target.parameters().polyakFrom(critic.parameters(), tau);
    }
  }

  /**
   * Runs {@code work} with the critic's parameters out of autodiff, so a loss through Q reaches the
   * action (the actor's gradient) and not the critic.
   */
  public <T> T frozen(Supplier<T> work) {
    critic.parameters().setTrainable(false);
    try {
      return work.get();
    } finally {
      critic.parameters().setTrainable(true);
    }
  }

  /** {@link #frozen(Supplier)} for work without a result. */
  public void frozenRun(Runnable work) {
    frozen(
        () -> {
          work.run();
          return null;
        });
  }

  /** The online critic and then the target, one checkpoint part. */
  public StatePart networks() {
    return StatePart.sequence(critic.parameters(), target.parameters());
  }

  /** The optimiser's moments and step count, one checkpoint part. */
  public StatePart optimizer() {
    return optimizer;
  }
}
