package dev.diffsweep.trainer.state;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Binary checkpoint output. Every section starts with a tag so that reading a checkpoint written by
 * a different agent or layout fails at the first mismatch with a message naming both tags.
 *
 * <p>The format is {@link java.io.DataOutput}'s (big-endian, modified UTF-8), so the scalars are
 * its own {@code writeLong}, {@code writeInt}, {@code writeDouble} and {@code writeBoolean}; this
 * class adds the tags, strings and arrays.
 */
public final class StateWriter extends DataOutputStream {

  public StateWriter(OutputStream stream) {
    super(new BufferedOutputStream(stream, 1 << 16));
  }

  public void writeTag(String tag) throws IOException {
    writeUTF(tag);
  }

  public void writeString(String value) throws IOException {
    writeUTF(value);
  }

  /** Length, then the values; bulk-converted because replay buffers hold millions of floats. */
  public void writeFloats(float[] values, int count) throws IOException {
    writeInt(count);
    ByteBuffer buffer = ByteBuffer.allocate(1 << 16).order(ByteOrder.BIG_ENDIAN);
    int done = 0;
    while (done < count) {
      int chunk = Math.min(count - done, buffer.capacity() / Float.BYTES);
      buffer.clear();
      buffer.asFloatBuffer().put(values, done, chunk);
      write(buffer.array(), 0, chunk * Float.BYTES);
      done += chunk;
    }
  }

  public void writeDoubles(double[] values) throws IOException {
    writeInt(values.length);
    for (double value : values) {
      writeDouble(value);
    }
  }
}
