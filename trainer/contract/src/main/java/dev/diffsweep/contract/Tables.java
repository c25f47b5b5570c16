package dev.diffsweep.contract;

import static dev.diffsweep.contract.Column.optional;
import static dev.diffsweep.contract.Column.required;
import static dev.diffsweep.contract.ColumnType.BOOLEAN;
import static dev.diffsweep.contract.ColumnType.DOUBLE;
import static dev.diffsweep.contract.ColumnType.INT32;
import static dev.diffsweep.contract.ColumnType.INT64;
import static dev.diffsweep.contract.ColumnType.STRING;
import static dev.diffsweep.contract.ColumnType.STRING_MAP;

import java.util.List;

/**
 * The tables a study is made of, as the trainer writes them (episodes, evaluations), the pipeline
 * keeps them (trials) and the analysis reads them. docs/TABLES.md documents the same columns, and a
 * test holds the two together.
 */
public final class Tables {
  /** The columns a study's per-trial tables take from their partition folders. */
  public static final List<Column> TRIAL_PARTITIONS =
      List.of(
          required("algorithm", STRING), required("task", STRING), required("trial_id", STRING));

  public static final Table EPISODES =
      new Table(
          "episodes",
          List.of(
              required("trial_id", STRING),
              required("episode", INT64),
              required("env_step", INT64),
              required("return", DOUBLE),
              required("length", INT32),
              required("terminated", BOOLEAN),
              required("truncated", BOOLEAN),
              required("wall_time_s", DOUBLE)),
          TRIAL_PARTITIONS);

  public static final Table EVALUATIONS =
      new Table(
          "evaluations",
          List.of(
              required("trial_id", STRING),
              required("env_step", INT64),
              required("return_mean", DOUBLE),
              required("return_std", DOUBLE),
              required("episodes", INT32),
              required("actor_loss", DOUBLE),
              required("critic_loss", DOUBLE),
              required("alpha", DOUBLE),
              required("entropy", DOUBLE),
              required("steps_per_s", DOUBLE),
              required("wall_time_s", DOUBLE)),
          TRIAL_PARTITIONS);

  public static final Table TRIALS =
      new Table(
          "trials",
          List.of(
              required("trial_id", STRING),
              required("study", STRING),
              required("algorithm", STRING),
              required("task", STRING),
              required("seed", INT32),
              required("hyperparameters", STRING_MAP),
              required("total_steps", INT64),
              optional("diffusion_steps", INT32),
              optional("learning_rate", DOUBLE),
              required("eval_interval", INT64),
              required("eval_episodes", INT32),
              required("status", STRING),
              required("attempts", INT32),
              required("env_steps", INT64),
              optional("wall_time_s", DOUBLE),
              optional("final_eval_return", DOUBLE),
              optional("best_eval_return", DOUBLE),
              optional("error", STRING),
              optional("code_version", STRING),
              optional("mujoco_version", STRING),
              optional("torch_version", STRING),
              optional("host", STRING),
              optional("device", STRING),
              optional("tune_number", INT32),
              optional("config_id", STRING),
              optional("tune_config", STRING),
              optional("cohort", INT32),
              optional("rung", INT32),
              optional("rung_values", STRING),
              optional("objective", DOUBLE),
              optional("revision", INT64)),
          List.of());

  public static final List<Table> ALL = List.of(EPISODES, EVALUATIONS, TRIALS);

  private Tables() {}
}
