package dev.diffsweep.trainer.state;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Reads what {@link StateWriter} wrote; a wrong tag or size is a {@link StateMismatchException}.
 * The scalars are {@link java.io.DataInput}'s own {@code readLong}, {@code readInt}, {@code
 * readDouble} and {@code readBoolean}, as the writer's are {@link java.io.DataOutput}'s.
 */
public final class StateReader extends DataInputStream {

  public StateReader(InputStream stream) {
    super(new BufferedInputStream(stream, 1 << 16));
  }

  /** The next section's tag, for a reader that accepts more than one layout. */
  public String readTag() throws IOException {
    return readUTF();
  }

  public void expectTag(String expected) throws IOException {
    String found = readUTF();
    if (!found.equals(expected)) {
      throw new StateMismatchException(
          "expected section '" + expected + "' but found '" + found + "'");
    }
  }

  public String readString() throws IOException {
    return readUTF();
  }

  /** Reads floats into {@code target}; the stored count must fit it. Returns the count. */
  public int readFloats(float[] target) throws IOException {
    int count = readInt();
    if (count < 0 || count > target.length) {
      throw new StateMismatchException(
          "stored array has " + count + " values, room for " + target.length);
    }
    byte[] bytes = new byte[1 << 16];
    ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.BIG_ENDIAN);
    int done = 0;
    while (done < count) {
      int chunk = Math.min(count - done, bytes.length / Float.BYTES);
      readFully(bytes, 0, chunk * Float.BYTES);
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
    int count = readInt();
    double[] values = new double[count];
    for (int i = 0; i < count; i++) {
      values[i] = readDouble();
    }
    return values;
  }
}
