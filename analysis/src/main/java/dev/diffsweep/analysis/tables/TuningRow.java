package dev.diffsweep.analysis.tables;

import java.util.Map;

/**
 * The tuner's columns of one trials row in a tuning study: one seed's run of one configuration (see
 * the tuning columns in docs/TABLES.md). Configuration-level values (status, rung values,
 * objective) repeat on each of its seeds' rows.
 *
 * @param number the configuration's number in proposal order ({@code tune_number})
 * @param config the configuration's parameters ({@code tune_config}), algorithm included
 * @param objective the final objective, null unless the configuration completed
 * @param totalSteps the run's full step budget: the budget the objective is measured at
 */
public record TuningRow(
    String trialId,
    int seed,
    String algorithm,
    int number,
    String configId,
    Map<String, String> config,
    int cohort,
    int rung,
    String status,
    String rungValues,
    Double objective,
    long revision,
    Long totalSteps) {}
