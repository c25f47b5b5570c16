package dev.diffsweep.trainer.state;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Binary checkpoint output. Every section starts with a tag so that reading a checkpoint written by
 * a different agent or layout fails at the first mismatch with a message naming both tags.
 */
public final class StateWriter implements Closeable {
  private final DataOutputStream out;

  public StateWriter(OutputStream stream) {
    this.out = new DataOutputStream(new BufferedOutputStream(stream, 1 << 16));
  }

  public void writeTag(String tag) throws IOException {
    out.writeUTF(tag);
  }

  public void writeLong(long value) throws IOException {
    out.writeLong(value);
  }

  public void writeInt(int value) throws IOException {
    out.writeInt(value);
  }

  public void writeDouble(double value) throws IOException {
    out.writeDouble(value);
  }

  public void writeBoolean(boolean value) throws IOException {
    out.writeBoolean(value);
  }

  public void writeString(String value) throws IOException {
    out.writeUTF(value);
  }

  /** Length, then the values; bulk-converted because replay buffers hold millions of floats. */
  public void writeFloats(float[] values, int count) throws IOException {
    out.writeInt(count);
    ByteBuffer buffer = ByteBuffer.allocate(1 << 16).order(ByteOrder.BIG_ENDIAN);
    int done = 0;
    while (done < count) {
      int chunk = Math.min(count - done, buffer.capacity() / Float.BYTES);
      buffer.clear();
      buffer.asFloatBuffer().put(values, done, chunk);
      out.write(buffer.array(), 0, chunk * Float.BYTES);
      done += chunk;
    }
  }

  public void writeDoubles(double[] values) throws IOException {
    out.writeInt(values.length);
    for (double value : values) {
      out.writeDouble(value);
    }
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
