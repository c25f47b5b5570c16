package dev.diffsweep.trainer.policy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.diffsweep.trainer.env.TaskSpec;
import dev.diffsweep.trainer.nn.OrthogonalMlp;
import dev.diffsweep.trainer.nn.ParameterGroup;
import dev.diffsweep.trainer.nn.Scalars;
import dev.diffsweep.trainer.state.RandomStream;
import java.util.List;

/**
 * A diagonal Gaussian policy as the one-step case of {@link AugmentedPolicy}: x_1 ~ N(mu(s),
 * sigma^2) with mu an MLP (CleanRL's PPO actor: orthogonal initialisation, output gain 0.01) and
 * log sigma one learned vector, independent of the state, clamped to [logStdMin, logStdMax]. The
 * action is x_1 clipped to the actuator range (PPO, as CleanRL's ClipAction) or tanh(x_1) rescaled
 * (WPO, whose critic needs an action that moves with x_1 everywhere).
 */
public final class GaussianStepPolicy implements AugmentedPolicy {
  private static final double MEAN_OUTPUT_GAIN = 0.01;

  /** How x_1 becomes an action. */
  public enum ActionMap {
    CLIP,
    TANH
  }

  private final ParameterGroup parameters;
  private final OrthogonalMlp mean;
  private final NDArray logStd;
  private final ActionScaling scaling;
  private final ActionMap actionMap;
  private final NDArray low;
  private final NDArray high;
  private final int observationSize;
  private final int actionSize;
  private final float logStdMin;
  private final float logStdMax;

  /**
   * What PPO's and WPO's actors set differently: the mean network's width and activation, log
   * sigma's start and clamp, and how x_1 becomes an action.
   */
  public record Settings(
      int hidden,
      OrthogonalMlp.Nonlinearity nonlinearity,
      double logStdInit,
      double logStdMin,
      double logStdMax,
      ActionMap actionMap) {}

  public GaussianStepPolicy(
      NDManager manager, TaskSpec task, Settings settings, RandomStream random) {
    int actionSize = task.actionSize();
    this.parameters = new ParameterGroup(manager);
    this.mean =
        new OrthogonalMlp(
            parameters,
            "actor.mean",
            settings.nonlinearity(),
            MEAN_OUTPUT_GAIN,
            random,
            task.observationSize(),
            settings.hidden(),
            settings.hidden(),
            actionSize);
    double[] initial = new double[actionSize];
    java.util.Arrays.fill(initial, settings.logStdInit());
    this.logStd = parameters.add("actor.log_std", initial, new Shape(1, actionSize));
    this.scaling = ActionScaling.of(manager, task);
    this.actionMap = settings.actionMap();
    this.low = manager.create(toFloats(task.actionLow()), new Shape(1, actionSize));
    this.high = manager.create(toFloats(task.actionHigh()), new Shape(1, actionSize));
    this.observationSize = task.observationSize();
    this.actionSize = actionSize;
    this.logStdMin = (float) settings.logStdMin();
    this.logStdMax = (float) settings.logStdMax();
  }

  @Override
  public int diffusionSteps() {
    return 1;
  }

  @Override
  public int actionSize() {
    return actionSize;
  }

  @Override
  public int featureSize() {
    return observationSize;
  }

  @Override
  public NDArray features(NDArray observations, NDArray states, NDArray stepOneHot) {
    return observations;
  }

  @Override
  public GaussianKernel kernel(NDArray observations, NDArray states, NDArray stepOneHot) {
    NDArray mu = mean.forward(observations);
    // An op on a long-lived parameter puts its result, and DJL's clip also its two bounds, on the
    // parameter's manager for the whole run: a view attached to the caller's scope takes the ops.
    NDArray scopedLogStd = logStd.reshape(logStd.getShape());
    scopedLogStd.attach(observations.getManager());
    NDArray variance = Scalars.multiply(scopedLogStd.clip(logStdMin, logStdMax), 2).exp();
    return new GaussianKernel(
        mu, variance.broadcast(mu.getShape()), null, actionMap == ActionMap.TANH);
  }

  @Override
  public NDArray initialState(NDArray noise) {
    return noise.zerosLike();
  }

  @Override
  public List<NDArray> sampleChain(NDArray observations, NDArray noise) {
    // Noise is [B, 2d] like a one-step chain's: the x_0 block is unused.
    NDList blocks = noise.split(2, 1);
    NDArray first = initialState(blocks.get(0));
    return List.of(first, kernel(observations, first, null).sample(blocks.get(1)));
  }

  @Override
  public NDArray toAction(NDArray last) {
    return actionMap == ActionMap.CLIP
        ? last.maximum(low).minimum(high)
        : scaling.toActuatorRange(last.tanh());
  }

  /**
   * tanh(x) under the tanh map: a ReLU critic over the raw pre-tanh x extrapolates with a nonzero
   * slope past |x| ~ 2, where the env's action no longer changes, and its gradient drove the WPO
   * mean to |mu| ~ 20 within 250 updates on InvertedPendulum-v4 (a bang-bang policy that never
   * learned). Through tanh the critic is flat there by construction.
   */
  @Override
  public NDArray criticInput(NDArray next, NDArray stepOneHot) {
    return actionMap == ActionMap.CLIP ? next : next.tanh();
  }

  @Override
  public NDArray deterministicAction(NDArray observations) {
    return toAction(mean.forward(observations));
  }

  /** The network of the Gaussian's mean; its arrays come first in {@link #parameters()}. */
  public OrthogonalMlp meanNetwork() {
    return mean;
  }

  /** log sigma, [1, d], before the clamp; the last array of {@link #parameters()}. */
  public NDArray logStd() {
    return logStd;
  }

  public float logStdMin() {
    return logStdMin;
  }

  public float logStdMax() {
    return logStdMax;
  }

  @Override
  public ParameterGroup parameters() {
    return parameters;
  }

  private static float[] toFloats(double[] values) {
    float[] floats = new float[values.length];
    for (int i = 0; i < values.length; i++) {
      floats[i] = (float) values[i];
    }
    return floats;
  }
}
