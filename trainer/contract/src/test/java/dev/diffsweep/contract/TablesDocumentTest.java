package dev.diffsweep.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** docs/TABLES.md says what the contract's code defines: the same columns, types and agents. */
class TablesDocumentTest {
  private static final Path DOCUMENT = Path.of("..", "..", "docs", "TABLES.md");

  @Test
  void documentsEveryColumnOfEveryTableWithItsType() throws IOException {
    List<String> lines = Files.readAllLines(DOCUMENT);
    for (Table table : Tables.ALL) {
      Map<String, String> documented = new LinkedHashMap<>();
      for (List<String> row : tableRows(section(lines, "### " + table.name()))) {
        for (String name : row.get(0).split(",")) {
          documented.put(name.strip(), row.get(1));
        }
      }
      documented.values().removeIf(type -> type.equals("(below)"));
      Map<String, String> defined = new LinkedHashMap<>();
      table.columns().forEach(c -> defined.put(c.name(), c.type().documentedName()));
      assertThat(documented).as("docs/TABLES.md, ### " + table.name()).isEqualTo(defined);
    }
  }

  @Test
  void documentsTheAlgorithmCatalogue() throws IOException {
    List<List<String>> rows = tableRows(section(Files.readAllLines(DOCUMENT), "## Algorithms"));
    List<Algorithm> documented = new ArrayList<>();
    for (List<String> row : rows) {
      documented.add(
          new Algorithm(
              row.get(0),
              row.get(1),
              row.get(2).isEmpty()
                  ? java.util.Optional.empty()
                  : java.util.Optional.of(row.get(2))));
    }
    assertThat(documented).isEqualTo(AlgorithmCatalogue.ALGORITHMS);
  }

  /** The lines from a heading to the next heading of any level. */
  private static List<String> section(List<String> lines, String heading) {
    int start = lines.indexOf(heading);
    assertThat(start).as("heading '" + heading + "' in docs/TABLES.md").isNotNegative();
    List<String> section = new ArrayList<>();
    for (int i = start + 1; i < lines.size() && !lines.get(i).startsWith("#"); i++) {
      section.add(lines.get(i));
    }
    return section;
  }

  /** The body rows of every Markdown table in the lines, each as its trimmed cells. */
  private static List<List<String>> tableRows(List<String> lines) {
    List<List<String>> rows = new ArrayList<>();
    boolean inBody = false;
    for (String line : lines) {
      if (!line.startsWith("|")) {
        inBody = false;
        continue;
      }
      if (line.startsWith("|---")) {
        inBody = true;
        continue;
      }
      if (inBody) {
        List<String> cells = new ArrayList<>();
        for (String cell : line.substring(1, line.length() - 1).split("\\|", -1)) {
          cells.add(cell.strip());
        }
        rows.add(cells);
      }
    }
    return rows;
  }
}
