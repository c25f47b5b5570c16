package dev.diffsweep.analysis.references;

/** A reference file that cannot be read as documented: the message names file, line and column. */
public final class ReferenceFileException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ReferenceFileException(String message) {
    super(message);
  }
}
