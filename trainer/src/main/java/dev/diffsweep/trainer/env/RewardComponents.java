package dev.diffsweep.trainer.env;

/**
 * The terms one step's reward is made of: {@code reward = forward + healthy + other - controlCost -
 * contactCost}. {@code other} holds task-specific terms (distance and velocity penalties). A term a
 * task does not use is 0.
 */
public record RewardComponents(
    double forward, double controlCost, double healthy, double contactCost, double other) {

  public double total() {
    return forward + healthy + other - controlCost - contactCost;
  }
}
