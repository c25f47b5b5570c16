package dev.diffsweep.pipeline.trial;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import com.google.gson.annotations.SerializedName;
import java.util.Map;

/**
 * The trainer's {@code run.json} (docs/TABLES.md): what a run is, how far it got and how it ended.
 * Fields the trainer leaves out stay null.
 */
public final class RunRecord {
  private static final Gson GSON = new Gson();

  @SerializedName("trial_id")
  public String trialId;

  public String algorithm;
  public String task;
  public Integer seed;

  @SerializedName("total_steps")
  public Long totalSteps;

  public Map<String, String> hyperparameters;
  public String status;

  @SerializedName("env_steps")
  public Long envSteps;

  @SerializedName("wall_time_s")
  public Double wallTimeS;

  @SerializedName("final_eval_return")
  public Double finalEvalReturn;

  @SerializedName("best_eval_return")
  public Double bestEvalReturn;

  public String error;
  public Map<String, String> versions;
  public String host;
  public String device;

  public static RunRecord parse(String json) {
    try {
      RunRecord record = GSON.fromJson(json, RunRecord.class);
      if (record == null) {
        throw new IllegalArgumentException("run.json is empty");
      }
      return record;
    } catch (JsonParseException e) {
      throw new IllegalArgumentException("run.json is not valid: " + e.getMessage(), e);
    }
  }

  public boolean completed() {
    return "completed".equals(status);
  }

  /** Stopped part-way through its budget as asked (train --stop-at), to be resumed. */
  public boolean stopped() {
    return "stopped".equals(status);
  }

  public String version(String component) {
    return versions == null ? null : versions.get(component);
  }
}
