package dev.diffsweep.trainer.agent;

import dev.diffsweep.trainer.state.RandomStream;
import dev.diffsweep.trainer.state.StateMismatchException;
import dev.diffsweep.trainer.state.StateReader;
import dev.diffsweep.trainer.state.StateWriter;
import java.io.IOException;

/**
 * A ring buffer of transitions in flat float arrays, sampled uniformly with replacement (as
 * Stable-Baselines3's ReplayBuffer that CleanRL uses). Stores the true next observation also at
 * truncation and a terminated flag only, so targets bootstrap through time limits.
 */
public final class ReplayBuffer {
  private final int capacity;
  private final int observationSize;
  private final int actionSize;
  private final float[] observations;
  private final float[] nextObservations;
  private final float[] actions;
  private final float[] rewards;
  private final float[] terminated;
  private int size;
  private int next;

  /** One sampled batch, row-major. */
  public record Batch(
      int size,
      float[] observations,
      float[] actions,
      float[] rewards,
      float[] nextObservations,
      float[] terminated) {}

  public ReplayBuffer(int capacity, int observationSize, int actionSize) {
    if (capacity <= 0) {
      throw new IllegalArgumentException("replay capacity must be positive, got " + capacity);
    }
    this.capacity = capacity;
    this.observationSize = observationSize;
    this.actionSize = actionSize;
    this.observations = new float[Math.multiplyExact(capacity, observationSize)];
    this.nextObservations = new float[Math.multiplyExact(capacity, observationSize)];
    this.actions = new float[Math.multiplyExact(capacity, actionSize)];
    this.rewards = new float[capacity];
    this.terminated = new float[capacity];
  }

  public void add(Transition transition) {
    copy(transition.observation(), observations, next * observationSize);
    copy(transition.nextObservation(), nextObservations, next * observationSize);
    copy(transition.action(), actions, next * actionSize);
    rewards[next] = (float) transition.reward();
    terminated[next] = transition.terminated() ? 1f : 0f;
    next = (next + 1) % capacity;
    size = Math.min(size + 1, capacity);
  }

  public Batch sample(int batchSize, RandomStream random) {
    if (size == 0) {
      throw new IllegalStateException("cannot sample an empty replay buffer");
    }
    float[] obs = new float[batchSize * observationSize];
    float[] nextObs = new float[batchSize * observationSize];
    float[] act = new float[batchSize * actionSize];
    float[] rew = new float[batchSize];
    float[] term = new float[batchSize];
    for (int row = 0; row < batchSize; row++) {
      int index = random.nextInt(size);
      System.arraycopy(
          observations, index * observationSize, obs, row * observationSize, observationSize);
      System.arraycopy(
          nextObservations,
          index * observationSize,
          nextObs,
          row * observationSize,
          observationSize);
      System.arraycopy(actions, index * actionSize, act, row * actionSize, actionSize);
      rew[row] = rewards[index];
      term[row] = terminated[index];
    }
    return new Batch(batchSize, obs, act, rew, nextObs, term);
  }

  public int size() {
    return size;
  }

  public int capacity() {
    return capacity;
  }

  public void write(StateWriter out) throws IOException {
    out.writeTag("replay");
    out.writeInt(capacity);
    out.writeInt(observationSize);
    out.writeInt(actionSize);
    out.writeInt(size);
    out.writeInt(next);
    out.writeFloats(observations, size * observationSize);
    out.writeFloats(nextObservations, size * observationSize);
    out.writeFloats(actions, size * actionSize);
    out.writeFloats(rewards, size);
    out.writeFloats(terminated, size);
  }

  public void read(StateReader in) throws IOException {
    in.expectTag("replay");
    int storedCapacity = in.readInt();
    int storedObservation = in.readInt();
    int storedAction = in.readInt();
    if (storedCapacity != capacity
        || storedObservation != observationSize
        || storedAction != actionSize) {
      throw new StateMismatchException(
          String.format(
              "stored replay buffer is %d x (obs %d, act %d), this one %d x (obs %d, act %d)",
              storedCapacity,
              storedObservation,
              storedAction,
              capacity,
              observationSize,
              actionSize));
    }
    size = in.readInt();
    next = in.readInt();
    in.readFloats(observations);
    in.readFloats(nextObservations);
    in.readFloats(actions);
    in.readFloats(rewards);
    in.readFloats(terminated);
  }

  private static void copy(double[] source, float[] target, int offset) {
    for (int i = 0; i < source.length; i++) {
      target[offset + i] = (float) source[i];
    }
  }
}
