package dev.diffsweep.trainer.agent.ppo;

/**
 * Generalised advantage estimation (Schulman et al. 2016) over a sequence of steps with a discount
 * and a trace parameter per step, so that augmented-MDP rollouts can discount only across
 * environment steps:
 *
 * <pre>
 *   delta_t = r_t + gamma_t (1 - terminated_t) V'_t - V_t
 *   A_t     = delta_t + gamma_t lambda_t (1 - done_t) A_{t+1},   A_T = 0
 * </pre>
 *
 * V'_t is the value of the state after step t: V_{t+1} within an episode, the value of the final
 * observation at a truncation (bootstrapping through the time limit), that of the next state at the
 * rollout's end. done_t (terminated or truncated) cuts the trace, terminated_t the bootstrap.
 */
public final class Gae {
  private Gae() {}

  public static double[] advantages(
      double[] rewards,
      double[] values,
      double[] nextValues,
      double[] discounts,
      double[] lambdas,
      boolean[] terminated,
      boolean[] done) {
    int n = rewards.length;
    double[] advantages = new double[n];
    double following = 0;
    for (int t = n - 1; t >= 0; t--) {
      double bootstrap = terminated[t] ? 0 : discounts[t] * nextValues[t];
      double delta = rewards[t] + bootstrap - values[t];
      double trace = done[t] ? 0 : discounts[t] * lambdas[t] * following;
      advantages[t] = delta + trace;
      following = advantages[t];
    }
    return advantages;
  }
}
