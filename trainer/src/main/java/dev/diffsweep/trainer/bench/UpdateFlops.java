package dev.diffsweep.trainer.bench;

import dev.diffsweep.trainer.env.TaskSpec;
import java.util.Map;

/**
 * Floating-point operations of one {@link UpdateWorkload} unit, counted from the network shapes the
 * hyperparameters give: matrix multiplies only (two per multiply-add), elementwise work not
 * counted. A backward pass costs a weight gradient for every layer and an input gradient for every
 * layer but the first, whose input is data (the actor's pass through the critics needs that input
 * gradient for the action columns only).
 */
public final class UpdateFlops {
  /** The two critics of the twin critic, evaluated side by side. */
  private static final int CRITICS = 2;

  private final long batch;
  private final int observationSize;
  private final int actionSize;
  private final Map<String, String> hp;

  private UpdateFlops(long batch, TaskSpec spec, Map<String, String> hp) {
    this.batch = batch;
    this.observationSize = spec.observationSize();
    this.actionSize = spec.actionSize();
    this.hp = hp;
  }

  /** Per unit of {@code algorithm} (by name) with resolved hyperparameters {@code hp}. */
  public static long perUnit(String algorithm, Map<String, String> hp, TaskSpec spec) {
    return switch (algorithm) {
      case "sac", "diffsac" -> atUnitBatch(hp, spec).softActorCritic(algorithm.equals("diffsac"));
      case "wpo", "diffwpo" -> atUnitBatch(hp, spec).wassersteinPolicy(algorithm.equals("diffwpo"));
      case "ppo", "diffppo" -> atUnitBatch(hp, spec).proximalPolicy(algorithm.equals("diffppo"));
      default ->
          throw new IllegalArgumentException(algorithm + " has no FLOP model in bench update");
    };
  }

  private static UpdateFlops atUnitBatch(Map<String, String> hp, TaskSpec spec) {
    return new UpdateFlops(UpdateWorkload.batchSize(hp), spec, hp);
  }

  /**
   * One env step of SAC or DiffSAC: a critic update (the actor samples a', target and online
   * critics forward, the critics backward) plus on average one actor update (a sample, the critics'
   * pass for dQ/da, the actor's backward).
   */
  private long softActorCritic(boolean diffusion) {
    long sampleForward;
    long sampleBackward;
    int hidden = integer(hp, "hidden_size");
    if (diffusion) {
      // The observation's share of the denoiser's first layer is computed once per sample (per
      // denoiser: the last step's own has its own share).
      long observationShare = denoisers() * dense(observationSize, hidden);
      long chainStep = chainStepForward(hidden);
      int steps = UpdateWorkload.diffusionSteps(hp);
      sampleForward = observationShare + steps * chainStep;
      sampleBackward = observationShare + 2L * steps * chainStep;
    } else {
      long trunk = dense(observationSize, hidden) + dense(hidden, hidden);
      long head = dense(hidden, 2 * actionSize);
      sampleForward = trunk + head;
      sampleBackward = 2 * trunk - dense(observationSize, hidden) + 2 * head;
    }
    int criticFeatures = observationSize;
    long criticUpdate = sampleForward + criticStep(hidden, criticFeatures);
    long actorUpdate =
        sampleForward + sampleBackward + actorPassThroughCritics(hidden, criticFeatures);
    return criticUpdate + actorUpdate;
  }

  /**
   * One env step of WPO or DiffWPO: a critic update (the K kernels completing the chain, the critic
   * step) plus on average one actor update (a kernel pass, the critics' input gradient, the
   * kernel's backward), plus the trailing actor's kernel under the KL bound.
   */
  private long wassersteinPolicy(boolean diffusion) {
    int hidden = integer(hp, "hidden_size");
    long kernelForward = diffusion ? chainKernelForward(hidden) : gaussianKernelForward(hidden);
    long kernelBackward =
        diffusion ? chainKernelBackward(hidden, kernelForward) : gaussianKernelBackward(hidden);
    boolean klBounded = Double.parseDouble(hp.get("kl_bound")) > 0;
    // The critics see the augmented state, as the kernel does.
    int criticFeatures = diffusion ? augmentedStateSize() : observationSize;
    long criticUpdate =
        UpdateWorkload.diffusionSteps(hp) * kernelForward + criticStep(hidden, criticFeatures);
    long actorUpdate =
        (klBounded ? 2 : 1) * kernelForward
            + kernelBackward
            + actorPassThroughCritics(hidden, criticFeatures);
    return criticUpdate + actorUpdate;
  }

  /** One minibatch of PPO or DiffPPO: the kernel and the value network forward and backward. */
  private long proximalPolicy(boolean diffusion) {
    int hidden = integer(hp, "hidden_size");
    long kernelForward;
    long kernelBackward;
    int valueInputs;
    if (diffusion) {
      int denoiser = integer(hp, "denoiser_hidden");
      kernelForward = chainKernelForward(denoiser);
      kernelBackward = chainKernelBackward(denoiser, kernelForward);
      valueInputs = augmentedStateSize();
    } else {
      kernelForward = gaussianKernelForward(hidden);
      kernelBackward = gaussianKernelBackward(hidden);
      valueInputs = observationSize;
    }
    long valueForward = dense(valueInputs, hidden) + dense(hidden, hidden) + dense(hidden, 1);
    long valueBackward = 2 * valueForward - dense(valueInputs, hidden);
    return kernelForward + kernelBackward + valueForward + valueBackward;
  }

  /** The augmented state (s, x_k, k's time features) the chain's kernel and critics read. */
  private int augmentedStateSize() {
    return observationSize + actionSize + integer(hp, "time_features");
  }

  /**
   * Target and online critics forward over (features, action), the online critics' backward with
   * weight gradients.
   */
  private long criticStep(int hidden, int features) {
    long forward = twinCriticForward(hidden, features);
    return 2 * forward + (2 * forward - CRITICS * dense(features + actionSize, hidden));
  }

  /** The critics forward and their input gradient down to the action columns, no weights. */
  private long actorPassThroughCritics(int hidden, int features) {
    long forward = twinCriticForward(hidden, features);
    long firstLayer = CRITICS * dense(features + actionSize, hidden);
    return forward + (forward - firstLayer) + CRITICS * dense(actionSize, hidden);
  }

  private long twinCriticForward(int hidden, int features) {
    return CRITICS
        * (dense(features + actionSize, hidden) + dense(hidden, hidden) + dense(hidden, 1));
  }

  /** WPO's and PPO's Gaussian kernel: the mean network over the observation. */
  private long gaussianKernelForward(int hidden) {
    return dense(observationSize, hidden) + dense(hidden, hidden) + dense(hidden, actionSize);
  }

  private long gaussianKernelBackward(int hidden) {
    return 2 * gaussianKernelForward(hidden) - dense(observationSize, hidden);
  }

  /** One denoiser step of the chain: the action block of the first layer and the rest. */
  private long chainStepForward(int hidden) {
    return dense(actionSize, hidden) + denoiserBody(hidden);
  }

  /**
   * The chain's step kernel over the augmented state (s, x_k): the whole first layer and the rest.
   */
  private long chainKernelForward(int hidden) {
    return denoisers() * (dense(observationSize + actionSize, hidden) + denoiserBody(hidden));
  }

  private long chainKernelBackward(int hidden, long kernelForward) {
    return 2 * kernelForward - denoisers() * dense(observationSize + actionSize, hidden);
  }

  /**
   * Denoisers a kernel row passes through: with a last step of its own both run on every row (the
   * step picks one output), as DiffusionPolicy computes it.
   */
  private int denoisers() {
    return Boolean.parseBoolean(hp.get("last_step_denoiser")) ? 2 : 1;
  }

  /** The denoiser's hidden-to-hidden layers and its output layer. */
  private long denoiserBody(int hidden) {
    return (integer(hp, "denoiser_layers") - 1) * dense(hidden, hidden) + dense(hidden, actionSize);
  }

  private long dense(long inputs, long outputs) {
    return 2 * batch * inputs * outputs;
  }

  private static int integer(Map<String, String> hp, String key) {
    return Integer.parseInt(hp.get(key));
  }
}
