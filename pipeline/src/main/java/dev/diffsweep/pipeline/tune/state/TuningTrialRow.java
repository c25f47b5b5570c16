package dev.diffsweep.pipeline.tune.state;

import dev.diffsweep.pipeline.tune.space.SearchSpace;
import dev.diffsweep.pipeline.tune.space.TrialProposal;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A trial record as flat, string-keyed columns for a table (the study's trials table adds them to
 * each of the trial's per-seed rows). {@code objective} is NaN unless completed.
 *
 * @param params the configuration as canonical text, algorithm included
 * @param rungValues "rung:value" pairs joined by ';', e.g. "0:12.5;1:48.0"
 */
public record TuningTrialRow(
    int number,
    String configId,
    Map<String, String> params,
    int cohort,
    int rung,
    String status,
    String rungValues,
    double objective,
    String error,
    long revision) {

  public TuningTrialRow {
    params = Map.copyOf(params);
  }

  public static TuningTrialRow of(TuningTrial record, SearchSpace space) {
    StringBuilder values = new StringBuilder();
    record
        .rungValues()
        .forEach(
            (rung, value) ->
                values.append(values.isEmpty() ? "" : ";").append(rung).append(':').append(value));
    double objective =
        record.status() == TrialState.COMPLETED ? record.value().orElseThrow() : Double.NaN;
    return new TuningTrialRow(
        record.number(),
        record.id(),
        space.format(record.proposal().params()),
        record.cohort(),
        record.rung(),
        record.status().text(),
        values.toString(),
        objective,
        record.error(),
        record.revision());
  }

  /**
   * The record back; throws IllegalArgumentException when the stored configuration does not fit the
   * space or its id (the study's search space changed under a stored tuning).
   */
  public TuningTrial toRecord(SearchSpace space) {
    SortedMap<String, Object> typed = space.parse(params);
    TrialProposal proposal = TrialProposal.of(space, typed);
    if (!proposal.id().equals(configId)) {
      throw new IllegalArgumentException(
          "trial " + number + ": stored id " + configId + " does not match its parameters");
    }
    SortedMap<Integer, Double> values = new TreeMap<>();
    if (!rungValues.isEmpty()) {
      for (String pair : rungValues.split(";")) {
        String[] parts = pair.split(":", 2);
        values.put(Integer.parseInt(parts[0]), Double.parseDouble(parts[1]));
      }
    }
    return new TuningTrial(
        number, proposal, cohort, rung, TrialState.parse(status), values, error, revision);
  }
}
