package dev.diffsweep.trainer.cli;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Bad input (an unknown task, a wrong value) is the user's to fix: print one clear line, not a
 * stack trace, and exit 2. A run that failed for a reason its message explains ({@link
 * RunFailedException}) prints that line and exits 1, as does a full disk. Anything else is our bug
 * and keeps its stack trace.
 */
final class UserErrorHandler implements IExecutionExceptionHandler {
  @Override
  public int handleExecutionException(
      Exception exception, CommandLine commandLine, ParseResult parseResult) throws Exception {
    if (exception instanceof IllegalArgumentException) {
      commandLine.getErr().println("diffsweep: " + exception.getMessage());
      return 2;
    }
    if (OutOfSpace.causedBy(exception) && !(exception instanceof RunFailedException)) {
      commandLine.getErr().println(OutOfSpace.line());
      return 1;
    }
    if (exception instanceof RunFailedException) {
      commandLine.getErr().println("diffsweep: " + exception.getMessage());
      return 1;
    }
    throw exception;
  }
}
