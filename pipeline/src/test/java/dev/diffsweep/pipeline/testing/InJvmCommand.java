package dev.diffsweep.pipeline.testing;

import dev.diffsweep.pipeline.cli.DiffsweepMain;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/**
 * `diffsweep ARGS` run in the test's own JVM (where {@link DriverProcess} starts another): its exit
 * code and what it printed to stdout and stderr.
 */
public record InJvmCommand(int exitCode, String out, String err) {

  public static InJvmCommand run(String... args) {
    return run(new StringWriter(), args);
  }

  /** With {@code out} given, what the command printed so far can be read while it runs. */
  public static InJvmCommand run(StringWriter out, String... args) {
    CommandLine commandLine = DiffsweepMain.commandLine();
    StringWriter err = new StringWriter();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    int exitCode = commandLine.execute(args);
    return new InJvmCommand(exitCode, out.toString(), err.toString());
  }
}
