package dev.diffsweep.trainer.state;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Reads what {@link StateWriter} wrote; a wrong tag or size is a {@link StateMismatchException}.
 */
public final class StateReader implements Closeable {
  private final DataInputStream in;

  public StateReader(InputStream stream) {
    this.in = new DataInputStream(new BufferedInputStream(stream, 1 << 16));
  }

  /** The next section's tag, for a reader that accepts more than one layout. */
  public String readTag() throws IOException {
    return in.readUTF();
  }

  public void expectTag(String expected) throws IOException {
    String found = in.readUTF();
    if (!found.equals(expected)) {
      throw new StateMismatchException(
          "expected section '" + expected + "' but found '" + found + "'");
    }
  }

  public long readLong() throws IOException {
    return in.readLong();
  }

  public int readInt() throws IOException {
    return in.readInt();
  }

  public double readDouble() throws IOException {
    return in.readDouble();
  }

  public boolean readBoolean() throws IOException {
    return in.readBoolean();
  }

  public String readString() throws IOException {
    return in.readUTF();
  }

  /** Reads floats into {@code target}; the stored count must fit it. Returns the count. */
  public int readFloats(float[] target) throws IOException {
    int count = in.readInt();
    if (count < 0 || count > target.length) {
      throw new StateMismatchException(
          "stored array has " + count + " values, room for " + target.length);
    }
    byte[] bytes = new byte[1 << 16];
    ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.BIG_ENDIAN);
    int done = 0;
    while (done < count) {
      int chunk = Math.min(count - done, bytes.length / Float.BYTES);
      in.readFully(bytes, 0, chunk * Float.BYTES);
      buffer.clear();
      buffer.asFloatBuffer().get(target, done, chunk);
      done += chunk;
    }
    return count;
  }

  /** Reads exactly {@code expectedLength} floats. */
  public float[] readFloats(int expectedLength) throws IOException {
    float[] values = new float[expectedLength];
    int count = readFloats(values);
    if (count != expectedLength) {
      throw new StateMismatchException(
          "stored array has " + count + " values, expected " + expectedLength);
    }
    return values;
  }

  public double[] readDoubles() throws IOException {
    int count = in.readInt();
    double[] values = new double[count];
    for (int i = 0; i < count; i++) {
      values[i] = in.readDouble();
    }
    return values;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
