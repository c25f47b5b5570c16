package dev.diffsweep.analysis.notebook;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.diffsweep.analysis.AnalysisOptions;
import dev.diffsweep.analysis.LocalSpark;
import dev.diffsweep.analysis.StudyAnalysis;
import dev.diffsweep.analysis.fixture.SyntheticStudy;
import dev.diffsweep.analysis.stats.BootstrapSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every SQL paragraph of notebooks/diffsweep-analysis.zpln, in order, with Spark against an
 * analysed fixture study, filling the dynamic forms as a user would.
 */
class ZeppelinNotebookTest {
  private static final Path NOTEBOOK = Path.of("..", "notebooks", "diffsweep-analysis.zpln");

  /** Zeppelin's text-box form: ${name=default} defines it, ${name} reuses it. */
  private static final Pattern FORM = Pattern.compile("\\$\\{([A-Za-z_]+)(=([^}]*))?\\}");

  @TempDir static Path folder;
  private static final SparkSession spark = LocalSpark.session();
  private static JsonObject note;
  private static Map<String, String> forms;

  @BeforeAll
  static void analyseAFixtureStudy() throws IOException {
    String study = SyntheticStudy.writeIn(spark, folder, SyntheticStudy.Spec.small("zeppelin"));
    StudyAnalysis.run(
        spark,
        study,
        AnalysisOptions.DEFAULT
            .withBootstrap(new BootstrapSettings(100, 0.95, 1))
            .withPlots(false));
    String trial =
        spark
            .read()
            .parquet(study + "/tables/trials")
            .where("algorithm = 'sac'")
            .first()
            .getAs("trial_id");
    forms =
        Map.of("study", study, "task", "Walker2d-v4", "algorithm", "diffsac", "trial_id", trial);
    note = JsonParser.parseString(Files.readString(NOTEBOOK)).getAsJsonObject();
  }

  @Test
  void isAZeppelinNoteWithUniqueParagraphIds() {
    assertThat(note.get("name").getAsString()).isEqualTo("diffsweep-analysis");
    assertThat(note.get("defaultInterpreterGroup").getAsString()).isEqualTo("spark");
    Set<String> ids = new HashSet<>();
    for (JsonElement paragraph : note.getAsJsonArray("paragraphs")) {
      JsonObject p = paragraph.getAsJsonObject();
      assertThat(p.has("text") && p.has("config")).isTrue();
      assertThat(ids.add(p.get("id").getAsString())).as("unique id").isTrue();
    }
  }

  @Test
  void everySqlParagraphRunsAndFeedsItsChart() {
    List<String> ran = new ArrayList<>();
    for (JsonElement element : note.getAsJsonArray("paragraphs")) {
      JsonObject paragraph = element.getAsJsonObject();
      String text = paragraph.get("text").getAsString();
      if (!text.startsWith("%spark.sql") && !text.startsWith("%sql")) {
        continue;
      }
      String title = paragraph.get("title").getAsString();
      String sql = fillForms(text.substring(text.indexOf('\n') + 1));
      Dataset<Row> last = null;
      for (String statement : sql.split(";\\s*\n")) {
        last = spark.sql(statement);
      }
      List<Row> rows = last.collectAsList();
      assertThat(rows).as(title).isNotEmpty();
      assertThat(Arrays.asList(last.columns())).as(title).containsAll(chartColumns(paragraph));
      ran.add(title);
    }
    assertThat(ran).hasSize(10);
  }

  private static String fillForms(String sql) {
    Matcher form = FORM.matcher(sql);
    StringBuilder filled = new StringBuilder();
    while (form.find()) {
      String value = forms.get(form.group(1));
      assertThat(value).as("a value for form " + form.group(1)).isNotNull();
      form.appendReplacement(filled, Matcher.quoteReplacement(value));
    }
    return form.appendTail(filled).toString();
  }

  /** The columns the paragraph's chart plots (keys, groups and values). */
  private static List<String> chartColumns(JsonObject paragraph) {
    List<String> columns = new ArrayList<>();
    JsonObject results = paragraph.getAsJsonObject("config").getAsJsonObject("results");
    if (results == null) {
      return columns;
    }
    for (String index : results.keySet()) {
      JsonObject graph = results.getAsJsonObject(index).getAsJsonObject("graph");
      for (String part : List.of("keys", "groups", "values")) {
        JsonArray fields = graph.getAsJsonArray(part);
        fields.forEach(f -> columns.add(f.getAsJsonObject().get("name").getAsString()));
      }
    }
    return columns;
  }
}
