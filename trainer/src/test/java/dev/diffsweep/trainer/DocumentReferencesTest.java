package dev.diffsweep.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The javadoc and comments cite docs/ALGORITHMS.md by section number ("docs/ALGORITHMS.md, section
 * 6.2", "sections 2 and 8"). Every such citation in the Java sources of the three modules must name
 * a numbered heading that the document has, so a renumbered or removed section cannot leave a
 * dangling reference behind.
 */
class DocumentReferencesTest {
  private static final List<String> MODULES = List.of("trainer", "pipeline", "analysis");
  private static final String NUMBER = "\\d+(?:\\.\\d+)*";

  /** "ALGORITHMS.md[,] section[s] N[, N ...][ and N]", after comment markers are removed. */
  private static final Pattern CITATION =
      Pattern.compile(
          "ALGORITHMS\\.md,?\\s+sections?\\s+("
              + NUMBER
              + "(?:\\s*(?:,\\s*and|,|and)\\s*"
              + NUMBER
              + ")*)");

  private static final Pattern CITED_NUMBER = Pattern.compile(NUMBER);

  /** A numbered heading: "## 6. DiffPPO", "### 6.2 GAE inside the chain". */
  private static final Pattern HEADING =
      Pattern.compile("^#{2,6}\\s+(" + NUMBER + ")\\.?\\s", Pattern.MULTILINE);

  /** A line break inside a comment, with the next line's "*" or "//" marker. */
  private static final Pattern COMMENT_BREAK = Pattern.compile("\\s*\\R\\s*(?:\\*(?!/)|//)?");

  record Citation(String source, String section) {}

  @Test
  void everyCitedSectionOfTheAlgorithmsDocumentExists() throws IOException {
    Path root = repositoryRoot();
    Set<String> sections = headings(Files.readString(root.resolve("docs/ALGORITHMS.md")));
    List<Citation> citations = new ArrayList<>();
    for (String module : MODULES) {
      Path sources = root.resolve(module).resolve("src");
      try (Stream<Path> files = Files.walk(sources)) {
        files
            .filter(file -> file.toString().endsWith(".java"))
            .sorted()
            .forEach(
                file -> citations.addAll(citations(root.relativize(file).toString(), read(file))));
      }
    }

    assertThat(citations).as("citations of docs/ALGORITHMS.md in the Java sources").isNotEmpty();
    assertThat(missing(citations, sections))
        .as("citations of sections that docs/ALGORITHMS.md does not have")
        .isEmpty();
  }

  @Test
  void aCitationOfAMissingSectionIsReported() {
    Set<String> sections = headings("# Title\n\n## 2. Chain\n\n### 2.1 Prior\n\n## 10. Open\n");
    List<Citation> citations =
        citations(
            "Example.java",
            """
            /**
             * The prior (docs/ALGORITHMS.md, sections 2.1 and
             * 10); the kernel (docs/ALGORITHMS.md, section 2.2).
             */
            // also ALGORITHMS.md section 2
            """);

    assertThat(citations).extracting(Citation::section).containsExactly("2.1", "10", "2.2", "2");
    assertThat(missing(citations, sections)).containsExactly(new Citation("Example.java", "2.2"));
  }

  @Test
  void listsOfSectionsAreReadWhole() {
    assertThat(
            citations(
                "Example.java",
                " * (docs/ALGORITHMS.md, sections 10.1, 10.2, 10.4 and 10.6). Next sentence 3."))
        .extracting(Citation::section)
        .containsExactly("10.1", "10.2", "10.4", "10.6");
  }

  static Set<String> headings(String markdown) {
    Set<String> sections = new LinkedHashSet<>();
    Matcher matcher = HEADING.matcher(markdown);
    while (matcher.find()) {
      sections.add(matcher.group(1));
    }
    return sections;
  }

  static List<Citation> citations(String source, String text) {
    String joined = COMMENT_BREAK.matcher(text).replaceAll(" ");
    List<Citation> citations = new ArrayList<>();
    Matcher matcher = CITATION.matcher(joined);
    while (matcher.find()) {
      Matcher number = CITED_NUMBER.matcher(matcher.group(1));
      while (number.find()) {
        citations.add(new Citation(source, number.group()));
      }
    }
    return citations;
  }

  static List<Citation> missing(List<Citation> citations, Set<String> sections) {
    return citations.stream().filter(c -> !sections.contains(c.section())).toList();
  }

  /** The folder above the module that holds docs/ and all three modules. */
  private static Path repositoryRoot() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir;
      if (Files.isDirectory(dir.resolve("docs"))
          && MODULES.stream().allMatch(m -> Files.isDirectory(candidate.resolve(m)))) {
        return dir;
      }
    }
    throw new IllegalStateException(
        "no folder with docs/ and the modules above " + Path.of("").toAbsolutePath());
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
