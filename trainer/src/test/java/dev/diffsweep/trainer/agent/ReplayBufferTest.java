package dev.diffsweep.trainer.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.diffsweep.trainer.state.RandomStream;
import dev.diffsweep.trainer.state.StateReader;
import dev.diffsweep.trainer.state.StateWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A buffer restored from its state and its row segments is the buffer that wrote them. */
class ReplayBufferTest {
  private static final int OBSERVATION = 5;
  private static final int ACTION = 2;

  /** Episodes of random length, some ending terminated, some truncated, as a run adds them. */
  private static void fill(ReplayBuffer buffer, Random random, int rows) {
    double[] observation = observation(random);
    for (int i = 0; i < rows; i++) {
      double[] next = observation(random);
      boolean ends = random.nextInt(20) == 0;
      boolean terminated = ends && random.nextBoolean();
      buffer.add(
          new Transition(
              observation,
              new double[] {random.nextGaussian(), random.nextGaussian()},
              random.nextGaussian(),
              next,
              terminated,
              ends && !terminated));
      observation = ends ? observation(random) : next;
    }
  }

  private static double[] observation(Random random) {
    double[] observation = new double[OBSERVATION];
    for (int i = 0; i < observation.length; i++) {
      observation[i] = random.nextGaussian();
    }
    return observation;
  }

  /** The buffer's state and the segments a run's checkpoints would have written. */
  private record Saved(byte[] state, List<byte[]> segments) {}

  private static Saved checkpointEvery(ReplayBuffer buffer, Random random, int rows, int interval)
      throws IOException {
    List<byte[]> segments = new ArrayList<>();
    long persisted = 0;
    for (int done = 0; done < rows; done += interval) {
      fill(buffer, random, Math.min(interval, rows - done));
      ByteArrayOutputStream segment = new ByteArrayOutputStream();
      long from = Math.max(persisted, buffer.oldestRow());
      try (StateWriter out = new StateWriter(segment)) {
        buffer.writeRows(from, buffer.added(), out);
      }
      segments.add(segment.toByteArray());
      persisted = buffer.added();
    }
    ByteArrayOutputStream state = new ByteArrayOutputStream();
    try (StateWriter out = new StateWriter(state)) {
      buffer.write(out);
    }
    return new Saved(state.toByteArray(), segments);
  }

  private static ReplayBuffer restore(int capacity, Saved saved) throws IOException {
    ReplayBuffer restored = new ReplayBuffer(capacity, OBSERVATION, ACTION);
    restored.read(new StateReader(new ByteArrayInputStream(saved.state())));
    for (byte[] segment : saved.segments()) {
      restored.readRows(new StateReader(new ByteArrayInputStream(segment)));
    }
    return restored;
  }

  private static void assertSameRows(ReplayBuffer expected, ReplayBuffer actual) {
    assertThat(actual.size()).isEqualTo(expected.size());
    assertThat(actual.added()).isEqualTo(expected.added());
    ReplayBuffer.Batch a = expected.sample(4 * expected.size(), new RandomStream(7));
    ReplayBuffer.Batch b = actual.sample(4 * actual.size(), new RandomStream(7));
    assertThat(b.observations()).isEqualTo(a.observations());
    assertThat(b.nextObservations()).isEqualTo(a.nextObservations());
    assertThat(b.actions()).isEqualTo(a.actions());
    assertThat(b.rewards()).isEqualTo(a.rewards());
    assertThat(b.terminated()).isEqualTo(a.terminated());
  }

  @Test
  void restoresEveryRowFromSegmentsBeforeTheRingWraps() throws IOException {
    ReplayBuffer buffer = new ReplayBuffer(1000, OBSERVATION, ACTION);
    Saved saved = checkpointEvery(buffer, new Random(1), 700, 150);

    assertSameRows(buffer, restore(1000, saved));
  }

  @Test
  void restoresTheHeldRowsAfterTheRingOverwroteOldSegments() throws IOException {
    ReplayBuffer buffer = new ReplayBuffer(100, OBSERVATION, ACTION);
    Saved saved = checkpointEvery(buffer, new Random(2), 437, 30);

    assertThat(buffer.oldestRow()).isEqualTo(337);
    assertSameRows(buffer, restore(100, saved));
  }

  @Test
  void aSegmentStoresEachObservationOnceExceptWhereEpisodesEnd() throws IOException {
    ReplayBuffer buffer = new ReplayBuffer(10_000, OBSERVATION, ACTION);
    fill(buffer, new Random(3), 10_000);
    ByteArrayOutputStream segment = new ByteArrayOutputStream();
    try (StateWriter out = new StateWriter(segment)) {
      buffer.writeRows(0, 10_000, out);
    }

    // Per row: obs + action + reward + terminated + flag = 10 floats; the whole row with both
    // observations would be 14. Episodes end every 20 rows on average.
    double floatsPerRow = segment.size() / 4.0 / 10_000;
    assertThat(floatsPerRow).isBetween(10.0, 10.0 + 1.5 * OBSERVATION / 20);
  }

  @Test
  void readsACheckpointOfTheEarlierLayoutWithEveryRowInline() throws IOException {
    ReplayBuffer buffer = new ReplayBuffer(50, OBSERVATION, ACTION);
    checkpointEvery(buffer, new Random(4), 120, 120);
    // The earlier layout: tag, sizes, ring position, then the arrays as held.
    ReplayBuffer.Batch all = buffer.sample(1, new RandomStream(1));
    assertThat(all.size()).isEqualTo(1);
    ByteArrayOutputStream inline = new ByteArrayOutputStream();
    float[][] arrays = inlineArrays(buffer);
    try (StateWriter out = new StateWriter(inline)) {
      out.writeTag("replay");
      out.writeInt(50);
      out.writeInt(OBSERVATION);
      out.writeInt(ACTION);
      out.writeInt(buffer.size());
      out.writeInt((int) (buffer.added() % 50));
      for (float[] array : arrays) {
        out.writeFloats(array, array.length);
      }
    }
    ReplayBuffer restored = new ReplayBuffer(50, OBSERVATION, ACTION);
    restored.read(new StateReader(new ByteArrayInputStream(inline.toByteArray())));

    assertThat(restored.oldestRow() % 50).isEqualTo(buffer.oldestRow() % 50);
    assertThat(restored.size()).isEqualTo(buffer.size());
    ReplayBuffer.Batch a = buffer.sample(200, new RandomStream(9));
    ReplayBuffer.Batch b = restored.sample(200, new RandomStream(9));
    assertThat(b.observations()).isEqualTo(a.observations());
    assertThat(b.nextObservations()).isEqualTo(a.nextObservations());
  }

  /** The ring's arrays by slot, read back through segments of one row each. */
  private static float[][] inlineArrays(ReplayBuffer buffer) throws IOException {
    int capacity = buffer.capacity();
    float[] observations = new float[capacity * OBSERVATION];
    float[] nextObservations = new float[capacity * OBSERVATION];
    float[] actions = new float[capacity * ACTION];
    float[] rewards = new float[capacity];
    float[] terminated = new float[capacity];
    for (long row = buffer.oldestRow(); row < buffer.added(); row++) {
      ReplayBuffer single = new ReplayBuffer(1, OBSERVATION, ACTION);
      fillState(single, row + 1);
      ByteArrayOutputStream segment = new ByteArrayOutputStream();
      try (StateWriter out = new StateWriter(segment)) {
        buffer.writeRows(row, row + 1, out);
      }
      single.readRows(new StateReader(new ByteArrayInputStream(segment.toByteArray())));
      ReplayBuffer.Batch one = single.sample(1, new RandomStream(0));
      int slot = (int) (row % capacity);
      System.arraycopy(one.observations(), 0, observations, slot * OBSERVATION, OBSERVATION);
      System.arraycopy(
          one.nextObservations(), 0, nextObservations, slot * OBSERVATION, OBSERVATION);
      System.arraycopy(one.actions(), 0, actions, slot * ACTION, ACTION);
      rewards[slot] = one.rewards()[0];
      terminated[slot] = one.terminated()[0];
    }
    return new float[][] {observations, nextObservations, actions, rewards, terminated};
  }

  /** A one-slot buffer whose state says it holds row {@code added - 1}. */
  private static void fillState(ReplayBuffer single, long added) throws IOException {
    ByteArrayOutputStream state = new ByteArrayOutputStream();
    try (StateWriter out = new StateWriter(state)) {
      out.writeTag("replay-rows-in-segments");
      out.writeInt(1);
      out.writeInt(OBSERVATION);
      out.writeInt(ACTION);
      out.writeInt(1);
      out.writeInt(0);
      out.writeLong(added);
    }
    single.read(new StateReader(new ByteArrayInputStream(state.toByteArray())));
  }
}
