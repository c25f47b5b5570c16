package dev.diffsweep.trainer.cli;

import com.google.gson.FieldNamingPolicy;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import java.io.PrintWriter;
import java.util.Map;

/**
 * What a bench command prints: with --json its numbers as one JSON object, keys in their order
 * (what scripts and the PERFORMANCE.md tables read), otherwise its line for a person.
 */
public final class BenchOutput {
  /**
   * A result record's components become snake_case keys in component order, a map's keys stay as
   * they are; nulls are left out.
   */
  private static final Gson GSON =
      new GsonBuilder()
          .setFieldNamingPolicy(FieldNamingPolicy.LOWER_CASE_WITH_UNDERSCORES)
          .create();

  private BenchOutput() {}

  /**
   * @param numbers the bench's results as a record, one component a JSON key
   * @param forAPerson what a person reads instead, without its last line end
   */
  public static void print(PrintWriter out, boolean json, Record numbers, String forAPerson) {
    out.println(json ? GSON.toJson(numbers) : forAPerson);
    out.flush();
  }

  /**
   * @param numbers the bench's results by JSON key, for a bench whose keys depend on its run
   * @param forAPerson what a person reads instead, without its last line end
   */
  public static void print(
      PrintWriter out, boolean json, Map<String, ?> numbers, String forAPerson) {
    out.println(json ? GSON.toJson(numbers) : forAPerson);
    out.flush();
  }
}
