package dev.diffsweep.trainer.cli;

import com.google.gson.Gson;
import java.io.PrintWriter;
import java.util.Map;

/**
 * What a bench command prints: with --json its numbers as one JSON object, keys in their order
 * (what scripts and the PERFORMANCE.md tables read), otherwise its line for a person.
 */
public final class BenchOutput {
  private BenchOutput() {}

  /**
   * @param numbers the bench's results by JSON key
   * @param forAPerson what a person reads instead, without its last line end
   */
  public static void print(
      PrintWriter out, boolean json, Map<String, ?> numbers, String forAPerson) {
    out.println(json ? new Gson().toJson(numbers) : forAPerson);
    out.flush();
  }
}
