package dev.diffsweep.analysis.tables;

/** A study's tables could not be read; the message names the path at fault. */
public final class StudyReadException extends RuntimeException {
  public StudyReadException(String message, Throwable cause) {
    super(message, cause);
  }

  public StudyReadException(String message) {
    super(message);
  }
}
