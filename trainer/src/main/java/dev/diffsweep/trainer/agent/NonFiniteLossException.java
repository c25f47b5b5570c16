package dev.diffsweep.trainer.agent;

/** A loss became NaN or infinite: training cannot go on, the last good checkpoint stays. */
public class NonFiniteLossException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public NonFiniteLossException(String loss, double value, long update) {
    super(loss + " is " + value + " at gradient update " + update);
  }

  /** The value itself when finite, so a loss is checked where it is read. */
  public static double requireFinite(String loss, double value, long update) {
    if (!Double.isFinite(value)) {
      throw new NonFiniteLossException(loss, value, update);
    }
    return value;
  }
}
