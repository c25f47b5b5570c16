package dev.diffsweep.trainer.run;

import java.util.ArrayList;
import java.util.List;

/**
 * The run loop's own state at a checkpoint (the agent's is separate). The environments' physics
 * state is not serialised: each env copy's episode in progress is replayed from its reset seed and
 * the actions taken so far, which MuJoCo reproduces exactly.
 */
public final class RunState {
  /** Every copy's env steps together. */
  long envSteps;

  /** Episodes finished by all copies together: the number of the next row of the episodes table. */
  long episodesCompleted;

  /** One per env copy, index i for copy i (filled when the loop starts). */
  EpisodeInProgress[] episodesInProgress = {};

  int partsWritten;
  double wallTimeS;
  long lastEvalEnvStep;
  double lastEvalWallTimeS;
  double finalEvalReturn = Double.NaN;
  double bestEvalReturn = Double.NaN;

  /** One env copy's unfinished episode. */
  static final class EpisodeInProgress {
    /** Its index in the copy's stream of episode seeds (see VectorEnv). */
    long episode;

    double episodeReturn;
    int length;
    List<double[]> actions = new ArrayList<>();

    /** Records one step of this episode. */
    void add(double[] action, double reward) {
      actions.add(action);
      episodeReturn += reward;
      length++;
    }

    EpisodeInProgress copy() {
      EpisodeInProgress copy = new EpisodeInProgress();
      copy.episode = episode;
      copy.episodeReturn = episodeReturn;
      copy.length = length;
      copy.actions = new ArrayList<>(actions);
      return copy;
    }
  }
}
