package dev.diffsweep.trainer.state;

import java.io.IOException;
import java.util.List;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * One piece of a checkpoint that reads back exactly what it writes. A component whose state has
 * several pieces lists them once, in order, and walks that one list to write and to read, so a
 * piece cannot be written and then forgotten on reading, nor read out of order.
 */
public interface StatePart {

  void write(StateWriter out) throws IOException;

  /** Restores what {@link #write} wrote. */
  void read(StateReader in) throws IOException;

  /** Writes one piece of state. */
  @FunctionalInterface
  interface Writing {
    void write(StateWriter out) throws IOException;
  }

  /** Reads one piece of state back. */
  @FunctionalInterface
  interface Reading {
    void read(StateReader in) throws IOException;
  }

  static StatePart of(Writing writing, Reading reading) {
    return new StatePart() {
      @Override
      public void write(StateWriter out) throws IOException {
        writing.write(out);
      }

      @Override
      public void read(StateReader in) throws IOException {
        reading.read(in);
      }
    };
  }

  /** A counter, one long. */
  static StatePart counter(LongSupplier value, LongConsumer restore) {
    return of(out -> out.writeLong(value.getAsLong()), in -> restore.accept(in.readLong()));
  }

  /** Parts written and read one after the other, as one part. */
  static StatePart sequence(StatePart... parts) {
    List<StatePart> list = List.of(parts);
    return of(
        out -> {
          for (StatePart part : list) {
            part.write(out);
          }
        },
        in -> {
          for (StatePart part : list) {
            part.read(in);
          }
        });
  }
}
