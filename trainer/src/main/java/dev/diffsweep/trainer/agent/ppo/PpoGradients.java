package dev.diffsweep.trainer.agent.ppo;

import dev.diffsweep.trainer.nn.AdamOptimizer;
import java.util.Locale;

/**
 * How PPO turns a minibatch into gradients and applies them: torch's autograd ({@link
 * TorchPpoGradients}, the default everywhere) or, opt-in by {@code gradients=native}, one native
 * call for PPO's Gaussian on a CPU with AVX2 and FMA ({@link FusedPpoGradients}). The path is a
 * hyperparameter so that it is in run.json and in the checkpoint's identity: a run is never resumed
 * on the other path, whose float round-off differs.
 */
interface PpoGradients {

  /** The value of the {@code gradients} key. */
  enum Path {
    TORCH,
    NATIVE;

    static Path of(String key, String value) {
      for (Path path : values()) {
        if (path.key().equals(value)) {
          return path;
        }
      }
      throw new IllegalArgumentException(
          "hyperparameter '" + key + "' wants torch or native, got '" + value + "'");
    }

    String key() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * A minibatch's rows, row-major, as {@link Ppo} gathers them.
   *
   * @param rows the number of rows
   * @param observations normalised observations, rows x observation size
   * @param from the chain state x_k each row acted from (zeros for a Gaussian), rows x action size
   * @param to the state x_k+1 (the action for a Gaussian), rows x action size
   * @param oneHot the chain step k, rows x K
   * @param oldLogDensities log-densities of {@code to} when the rows acted
   * @param advantages advantages, normalised already if they are to be
   * @param returns value targets
   * @param oldValues values when the rows acted (for the value clip)
   */
  record Minibatch(
      int rows,
      float[] observations,
      float[] from,
      float[] to,
      float[] oneHot,
      float[] oldLogDensities,
      float[] advantages,
      float[] returns,
      float[] oldValues) {

    int observationSize() {
      return observations.length / rows;
    }

    int actionSize() {
      return from.length / rows;
    }

    int chainSteps() {
      return oneHot.length / rows;
    }
  }

  /** The minibatch's two losses. */
  record Losses(double policy, double value) {}

  /**
   * Computes the gradients of policy loss + vf_coef value loss - ent_coef mean entropy, to be
   * applied by the next {@link #step}.
   */
  Losses compute(Minibatch minibatch);

  /** The squared global norm of the last {@link #compute}'s gradients, both networks together. */
  double squaredNorm();

  /** One Adam step of both networks with the last gradients times {@code scale}. */
  void step(AdamOptimizer policy, AdamOptimizer value, double learningRate, double scale);
}
