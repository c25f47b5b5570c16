package dev.diffsweep.pipeline.trial;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The trainer's log of one attempt, as the runner keeps it. */
public final class TrainerLogs {
  private TrainerLogs() {}

  public static String of(Path study, Trial trial, int attempt) {
    try {
      return Files.readString(
          study.resolve("runs").resolve(trial.id()).resolve("trainer-attempt-" + attempt + ".log"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
