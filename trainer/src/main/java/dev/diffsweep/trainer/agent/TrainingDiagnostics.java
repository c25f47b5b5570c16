package dev.diffsweep.trainer.agent;

import dev.diffsweep.trainer.state.StatePart;
import dev.diffsweep.trainer.state.StateReader;
import dev.diffsweep.trainer.state.StateWriter;
import java.io.IOException;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The latest training signals an evaluation row records; NaN until the agent has trained. {@code
 * entropy} is the agent's entropy estimate (-E[log pi], or -E[chain log-ratio] for a diffusion
 * policy, a lower bound of the true entropy).
 */
public record TrainingDiagnostics(
    double actorLoss, double criticLoss, double alpha, double entropy) {
  public static final TrainingDiagnostics NONE =
      new TrainingDiagnostics(Double.NaN, Double.NaN, Double.NaN, Double.NaN);

  /** Adds the four values to a checkpoint, in declaration order. */
  public void write(StateWriter out) throws IOException {
    out.writeDouble(actorLoss);
    out.writeDouble(criticLoss);
    out.writeDouble(alpha);
    out.writeDouble(entropy);
  }

  /** Reads what {@link #write} wrote. */
  public static TrainingDiagnostics read(StateReader in) throws IOException {
    return new TrainingDiagnostics(
        in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble());
  }

  /** The checkpoint part of an agent's latest diagnostics, held where {@code current} reads. */
  public static StatePart part(
      Supplier<TrainingDiagnostics> current, Consumer<TrainingDiagnostics> restore) {
    return StatePart.of(out -> current.get().write(out), in -> restore.accept(read(in)));
  }
}
