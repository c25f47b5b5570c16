package dev.diffsweep.trainer.run;

/**
 * The run loop's own state at a checkpoint (the agent's is separate). The environment's physics
 * state is not serialised: the episode in progress is replayed from its reset seed and the actions
 * taken so far, which MuJoCo reproduces exactly.
 */
public final class RunState {
  long envSteps;
  long episodesCompleted;
  double episodeReturn;
  int episodeLength;
  double[][] episodeActions = new double[0][];
  int partsWritten;
  double wallTimeS;
  long lastEvalEnvStep;
  double lastEvalWallTimeS;
  double finalEvalReturn = Double.NaN;
  double bestEvalReturn = Double.NaN;
}
