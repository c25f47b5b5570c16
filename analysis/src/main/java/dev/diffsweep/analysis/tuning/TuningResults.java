package dev.diffsweep.analysis.tuning;

import dev.diffsweep.analysis.summary.ResultTable;
import java.util.List;
import java.util.Optional;

/**
 * What the report shows of a tuning study: the tune settings, every configuration in proposal
 * order, the best completed ones ranked, and those as the {@code best_configurations} table.
 */
public record TuningResults(
    TuneSettings settings,
    List<TunedConfiguration> configurations,
    List<RankedConfiguration> best,
    ResultTable bestConfigurations) {

  /** The best completed configuration, if any completed. */
  public Optional<RankedConfiguration> winner() {
    return best.stream().findFirst();
  }

  /** Every tuned parameter that some configuration sets, by name. */
  public List<String> parameters() {
    return TunedConfiguration.parameterNames(configurations);
  }

  /**
   * The parameter's scale as the search space declared it; for a study that did not record its
   * space, numbers are linear and anything else categorical.
   */
  public ParameterScale scale(String parameter) {
    ParameterScale declared = settings.scales().get(parameter);
    if (declared != null) {
      return declared;
    }
    boolean numeric =
        configurations.stream()
            .map(c -> c.parameters().get(parameter))
            .filter(value -> value != null)
            .allMatch(ParameterScale::isNumber);
    return numeric ? ParameterScale.LINEAR : ParameterScale.CATEGORICAL;
  }
}
