package dev.diffsweep.trainer.agent;

import dev.diffsweep.trainer.state.RandomStream;
import dev.diffsweep.trainer.state.StateMismatchException;
import dev.diffsweep.trainer.state.StatePart;
import dev.diffsweep.trainer.state.StateReader;
import dev.diffsweep.trainer.state.StateWriter;
import java.io.IOException;

/**
 * A ring buffer of transitions in flat float arrays, sampled uniformly with replacement (as
 * Stable-Baselines3's ReplayBuffer that CleanRL uses). Stores the true next observation also at
 * truncation and a terminated flag only, so targets bootstrap through time limits.
 *
 * <p>Its rows are numbered by when they were added ({@link #added()} in all); a checkpoint holds
 * only the small state here, and the rows go to append-only segments ({@link #writeRows}), each
 * written once, so a checkpoint's cost does not grow with the buffer. A segment stores each
 * observation once: a row's next observation is the following row's observation except where an
 * episode ended (or the segment does), and only there is it written out.
 */
public final class ReplayBuffer implements StatePart {
  private static final String SEGMENTED_TAG = "replay-rows-in-segments";
  private static final String INLINE_TAG = "replay";
  private static final String SEGMENT_TAG = "replay-segment";
  private static final int ROWS_PER_CHUNK = 4096;

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
  private long added;

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
    added++;
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

  /** Rows ever added; the buffer holds the last {@link #size()} of them. */
  public long added() {
    return added;
  }

  /** The first row (by {@link #added()} numbering) the buffer still holds. */
  public long oldestRow() {
    return added - size;
  }

  /**
   * The buffer's own state, without its rows: the rows are in segments ({@link #writeRows}), which
   * the checkpoint writes beside it.
   */
  @Override
  public void write(StateWriter out) throws IOException {
    out.writeTag(SEGMENTED_TAG);
    out.writeInt(capacity);
    out.writeInt(observationSize);
    out.writeInt(actionSize);
    out.writeInt(size);
    out.writeInt(next);
    out.writeLong(added);
  }

  /**
   * Restores the state {@link #write} wrote; the rows then come from {@link #readRows}. Also reads
   * a checkpoint of the earlier layout, with every row inline (a run checkpointed by an earlier
   * build resumes).
   */
  @Override
  public void read(StateReader in) throws IOException {
    String tag = in.readTag();
    if (!tag.equals(SEGMENTED_TAG) && !tag.equals(INLINE_TAG)) {
      throw new StateMismatchException(
          "expected section '" + SEGMENTED_TAG + "' but found '" + tag + "'");
    }
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
    if (tag.equals(SEGMENTED_TAG)) {
      added = in.readLong();
      return;
    }
    // The inline layout kept rows 0..size-1 in place and no count: any count with the same ring
    // position continues the same run.
    added = size < capacity ? size : capacity + next;
    in.readFloats(observations);
    in.readFloats(nextObservations);
    in.readFloats(actions);
    in.readFloats(rewards);
    in.readFloats(terminated);
  }

  /**
   * Writes rows {@code from} (inclusive) to {@code to} (exclusive), all still held, as one segment.
   */
  public void writeRows(long from, long to, StateWriter out) throws IOException {
    if (from < oldestRow() || to > added || from > to) {
      throw new IllegalArgumentException(
          "rows " + from + ".." + to + " are not all held (" + oldestRow() + ".." + added + ")");
    }
    out.writeTag(SEGMENT_TAG);
    out.writeInt(observationSize);
    out.writeInt(actionSize);
    out.writeLong(from);
    out.writeLong(to);
    int fixed = observationSize + actionSize + 3;
    float[] chunk = new float[ROWS_PER_CHUNK * (fixed + observationSize)];
    for (long start = from; start < to; start += ROWS_PER_CHUNK) {
      long end = Math.min(to, start + ROWS_PER_CHUNK);
      int length = 0;
      for (long row = start; row < end; row++) {
        int index = (int) (row % capacity);
        boolean explicitNext = row == to - 1 || !nextIsFollowingObservation(index);
        System.arraycopy(observations, index * observationSize, chunk, length, observationSize);
        length += observationSize;
        System.arraycopy(actions, index * actionSize, chunk, length, actionSize);
        length += actionSize;
        chunk[length++] = rewards[index];
        chunk[length++] = terminated[index];
        chunk[length++] = explicitNext ? 1f : 0f;
        if (explicitNext) {
          System.arraycopy(
              nextObservations, index * observationSize, chunk, length, observationSize);
          length += observationSize;
        }
      }
      out.writeFloats(chunk, length);
    }
  }

  /**
   * Reads a segment {@link #writeRows} wrote into the rows' places, skipping rows this buffer no
   * longer holds (older than {@link #oldestRow()}).
   */
  public void readRows(StateReader in) throws IOException {
    in.expectTag(SEGMENT_TAG);
    int storedObservation = in.readInt();
    int storedAction = in.readInt();
    if (storedObservation != observationSize || storedAction != actionSize) {
      throw new StateMismatchException(
          String.format(
              "replay segment has rows of (obs %d, act %d), this buffer (obs %d, act %d)",
              storedObservation, storedAction, observationSize, actionSize));
    }
    long from = in.readLong();
    long to = in.readLong();
    if (to > added || from > to) {
      throw new StateMismatchException(
          "replay segment holds rows " + from + ".." + to + ", the buffer has " + added);
    }
    int fixed = observationSize + actionSize + 3;
    float[] chunk = new float[ROWS_PER_CHUNK * (fixed + observationSize)];
    int previous = -1;
    for (long start = from; start < to; start += ROWS_PER_CHUNK) {
      long end = Math.min(to, start + ROWS_PER_CHUNK);
      in.readFloats(chunk);
      int position = 0;
      for (long row = start; row < end; row++) {
        int index = (int) (row % capacity);
        boolean held = row >= oldestRow();
        if (held) {
          System.arraycopy(chunk, position, observations, index * observationSize, observationSize);
          if (previous >= 0) {
            System.arraycopy(
                observations,
                index * observationSize,
                nextObservations,
                previous * observationSize,
                observationSize);
          }
        }
        position += observationSize;
        if (held) {
          System.arraycopy(chunk, position, actions, index * actionSize, actionSize);
          rewards[index] = chunk[position + actionSize];
          terminated[index] = chunk[position + actionSize + 1];
        }
        position += actionSize + 2;
        boolean explicitNext = chunk[position++] != 0f;
        previous = held && !explicitNext ? index : -1;
        if (explicitNext) {
          if (held) {
            System.arraycopy(
                chunk, position, nextObservations, index * observationSize, observationSize);
          }
          position += observationSize;
        }
      }
    }
  }

  /** Whether the row's next observation is, bit for bit, the observation of the row after it. */
  private boolean nextIsFollowingObservation(int index) {
    int following = (index + 1) % capacity;
    return java.util.Arrays.equals(
        nextObservations,
        index * observationSize,
        (index + 1) * observationSize,
        observations,
        following * observationSize,
        (following + 1) * observationSize);
  }

  private static void copy(double[] source, float[] target, int offset) {
    for (int i = 0; i < source.length; i++) {
      target[offset + i] = (float) source[i];
    }
  }
}
