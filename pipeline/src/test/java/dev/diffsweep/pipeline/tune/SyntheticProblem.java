package dev.diffsweep.pipeline.tune;

import dev.diffsweep.pipeline.tune.space.CategoricalParameter;
import dev.diffsweep.pipeline.tune.space.Condition;
import dev.diffsweep.pipeline.tune.space.FloatParameter;
import dev.diffsweep.pipeline.tune.space.IntParameter;
import dev.diffsweep.pipeline.tune.space.SearchSpace;
import java.util.List;
import java.util.Map;

/**
 * A cheap stand-in for RL training: a mixed search space (uniform and log floats, an int with a
 * step, a categorical, a parameter only active for one algorithm) and a shifted quadratic loss over
 * it whose minimum 0 is at x = 1.3, learning_rate = 10^-2.5, width = 17, optimizer = adam,
 * algorithm = diffsac with diffusion_steps = 6.
 */
public final class SyntheticProblem {
  private SyntheticProblem() {}

  public static SearchSpace space() {
    return SearchSpace.of(
        List.of("sac", "diffsac"),
        List.of(
            new FloatParameter("x", -5, 5, false, List.of()),
            new FloatParameter("learning_rate", 1e-5, 1e-1, true, List.of()),
            new IntParameter("width", 1, 64, 1, false, List.of()),
            new CategoricalParameter(
                "optimizer", List.of("sgd", "adam", "rmsprop", "adagrad"), List.of()),
            new IntParameter(
                "diffusion_steps",
                2,
                20,
                2,
                false,
                List.of(new Condition(SearchSpace.ALGORITHM, List.of("diffsac"))))));
  }

  /** Lower is better; 0 at the optimum. */
  public static double loss(Map<String, Object> params) {
    double x = (Double) params.get("x");
    double logRate = Math.log10((Double) params.get("learning_rate"));
    long width = (Long) params.get("width");
    double loss = (x - 1.3) * (x - 1.3) / 4;
    loss += (logRate + 2.5) * (logRate + 2.5);
    loss += Math.pow((width - 17) / 8.0, 2);
    loss += params.get("optimizer").equals("adam") ? 0 : 1;
    if (params.get("algorithm").equals("diffsac")) {
      long steps = (Long) params.get("diffusion_steps");
      loss += Math.pow((steps - 6) / 4.0, 2);
    } else {
      loss += 0.5;
    }
    return loss;
  }
}
