package dev.diffsweep.trainer.nn;

import dev.diffsweep.trainer.state.RandomStream;

/**
 * torch.nn.init.orthogonal_: a random matrix with orthonormal rows or columns (whichever are
 * fewer), times a gain. CleanRL's PPO initialises every layer this way (gain sqrt(2) for hidden
 * layers, 0.01 for the policy mean, 1 for the value), which keeps tanh units out of saturation at
 * the start.
 */
public final class Orthogonal {
  private Orthogonal() {}

  /** Row-major [rows, cols] values. */
  public static double[] matrix(int rows, int cols, double gain, RandomStream random) {
    // Orthonormalise the shorter dimension's vectors (modified Gram-Schmidt on Gaussian draws).
    int vectors = Math.min(rows, cols);
    int length = Math.max(rows, cols);
    double[][] basis = new double[vectors][length];
    for (int v = 0; v < vectors; v++) {
      double norm = 0;
      while (norm < 1e-6) {
        for (int i = 0; i < length; i++) {
          basis[v][i] = random.nextGaussian();
        }
        for (int u = 0; u < v; u++) {
          double dot = 0;
          for (int i = 0; i < length; i++) {
            dot += basis[v][i] * basis[u][i];
          }
          for (int i = 0; i < length; i++) {
            basis[v][i] -= dot * basis[u][i];
          }
        }
        norm = 0;
        for (int i = 0; i < length; i++) {
          norm += basis[v][i] * basis[v][i];
        }
        norm = Math.sqrt(norm);
      }
      for (int i = 0; i < length; i++) {
        basis[v][i] /= norm;
      }
    }
    double[] values = new double[rows * cols];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        values[r * cols + c] = gain * (rows <= cols ? basis[r][c] : basis[c][r]);
      }
    }
    return values;
  }
}
