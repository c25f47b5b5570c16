package dev.diffsweep.analysis.references;

import dev.diffsweep.analysis.references.PublishedReference.Metric;
import dev.diffsweep.contract.Algorithm;
import dev.diffsweep.contract.AlgorithmCatalogue;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Published results to set beside a study (docs/TABLES.md, "Published references"): the file
 * bundled with the analysis, {@value #BUNDLED}, merged with the study's own {@value #STUDY_FILE}
 * when it has one. Both are CSV with the header {@link #COLUMNS} (any order, more columns ignored),
 * lines starting with {@code #} and blank lines skipped, fields with commas in double quotes.
 */
public final class PublishedReferences {
  /** The classpath resource of the bundled references. */
  public static final String BUNDLED = "/references/published.csv";

  /** The file name of a study's own references, in its folder. */
  public static final String STUDY_FILE = "references.csv";

  public static final List<String> COLUMNS =
      List.of(
          "task",
          "algorithm",
          "source",
          "source_url",
          "budget",
          "metric",
          "mean",
          "std",
          "seeds",
          "note");

  /**
   * A curve plot shows a reference whose budget is at most this many times the plot's last env
   * step: a 500k study shows the 1M references (the axis grows to twice its range at most), while a
   * 100k study is not squashed against the far end of a 1M axis.
   */
  public static final double OVERLAY_REACH = 2.0;

  /** At most so many problems of one file are listed; the rest are counted. */
  private static final int PROBLEMS_SHOWN = 5;

  private final List<PublishedReference> references;
  private final List<String> warnings;

  private PublishedReferences(List<PublishedReference> references, List<String> warnings) {
    this.references = List.copyOf(references);
    this.warnings = List.copyOf(warnings);
  }

  public static PublishedReferences of(List<PublishedReference> references) {
    return new PublishedReferences(references, List.of());
  }

  public static PublishedReferences none() {
    return of(List.of());
  }

  /**
   * The bundled references and, when given, the study's. A file's rows that cannot be read are left
   * out with a warning each (a file without the header's columns is left out whole), so a bad file
   * never stops the analysis.
   */
  public static PublishedReferences load(Optional<String> studyFileText, String studyFileName) {
    List<PublishedReference> all = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    read("published.csv (bundled)", bundledText(), all, warnings);
    studyFileText.ifPresent(text -> read(studyFileName, text, all, warnings));
    return new PublishedReferences(all, warnings);
  }

  /** The bundled references alone. */
  public static PublishedReferences bundled() {
    return load(Optional.empty(), STUDY_FILE);
  }

  /** Parses one file, failing on its first problem with a message naming file, line, column. */
  public static List<PublishedReference> parse(String fileName, String text) {
    List<PublishedReference> rows = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    parseInto(fileName, text, rows, problems);
    if (!problems.isEmpty()) {
      throw new ReferenceFileException(problems.get(0));
    }
    return rows;
  }

  private static void read(
      String fileName, String text, List<PublishedReference> into, List<String> warnings) {
    List<String> problems = new ArrayList<>();
    parseInto(fileName, text, into, problems);
    problems.stream().limit(PROBLEMS_SHOWN).forEach(warnings::add);
    if (problems.size() > PROBLEMS_SHOWN) {
      warnings.add(
          fileName + ": " + (problems.size() - PROBLEMS_SHOWN) + " more rows left out likewise");
    }
  }

  private static void parseInto(
      String fileName, String text, List<PublishedReference> rows, List<String> problems) {
    String[] lines = text.split("\r?\n", -1);
    Map<String, Integer> header = null;
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      int lineNumber = i + 1;
      if (line.isBlank() || line.stripLeading().startsWith("#")) {
        continue;
      }
      String where = fileName + ":" + lineNumber;
      List<String> fields;
      try {
        fields = split(line);
      } catch (IllegalArgumentException e) {
        problems.add(where + ":" + e.getMessage());
        if (header == null) {
          return;
        }
        continue;
      }
      if (header == null) {
        Map<String, Integer> columns = new LinkedHashMap<>();
        for (int c = 0; c < fields.size(); c++) {
          columns.putIfAbsent(fields.get(c).trim(), c);
        }
        header = columns;
        List<String> missing = COLUMNS.stream().filter(c -> !columns.containsKey(c)).toList();
        if (!missing.isEmpty()) {
          problems.add(
              where
                  + ": missing column"
                  + (missing.size() > 1 ? "s " : " ")
                  + missing.stream().map(m -> "'" + m + "'").collect(Collectors.joining(", "))
                  + "; the header must name "
                  + String.join(",", COLUMNS));
          return;
        }
        continue;
      }
      try {
        rows.add(row(header, fields, where));
      } catch (ReferenceFileException e) {
        problems.add(e.getMessage());
      }
    }
    if (header == null) {
      problems.add(
          fileName + ":1: no header; the first line must name " + String.join(",", COLUMNS));
    }
  }

  private static PublishedReference row(
      Map<String, Integer> header, List<String> fields, String where) {
    Fields f = new Fields(header, fields, where);
    long budget = f.budget();
    double std = f.number("std");
    if (std < 0) {
      throw f.problem("std", "is negative: " + std);
    }
    Metric metric;
    try {
      metric = Metric.parse(f.text("metric"));
    } catch (IllegalArgumentException e) {
      throw f.problem("metric", "'" + f.raw("metric") + "' " + e.getMessage());
    }
    return new PublishedReference(
        f.text("task"),
        f.text("algorithm").toLowerCase(Locale.ROOT),
        f.text("source"),
        f.raw("source_url").trim(),
        budget,
        metric,
        f.number("mean"),
        std,
        f.seeds(),
        f.raw("note").trim(),
        where);
  }

  /** The cells of one row, read by column name, with messages naming line and column. */
  private record Fields(Map<String, Integer> header, List<String> fields, String where) {
    String raw(String column) {
      int index = header.get(column);
      return index < fields.size() ? fields.get(index) : "";
    }

    String text(String column) {
      String value = raw(column).trim();
      if (value.isEmpty()) {
        throw problem(column, "is empty");
      }
      return value;
    }

    double number(String column) {
      String value = text(column);
      try {
        double number = Double.parseDouble(value);
        if (!Double.isFinite(number)) {
          throw problem(column, "is not a finite number: \"" + value + "\"");
        }
        return number;
      } catch (NumberFormatException e) {
        throw problem(column, "is not a number: \"" + value + "\"");
      }
    }

    long budget() {
      double value = number("budget");
      if (value <= 0 || value != Math.rint(value)) {
        throw problem("budget", "is not a whole positive number of env steps: " + raw("budget"));
      }
      return (long) value;
    }

    int seeds() {
      String value = text("seeds");
      try {
        int seeds = Integer.parseInt(value);
        if (seeds < 1) {
          throw problem("seeds", "is below 1: " + seeds);
        }
        return seeds;
      } catch (NumberFormatException e) {
        throw problem("seeds", "is not a whole number: \"" + value + "\"");
      }
    }

    ReferenceFileException problem(String column, String what) {
      return new ReferenceFileException(
          where + ":" + (header.get(column) + 1) + ": column '" + column + "' " + what);
    }
  }

  /** Splits a CSV line; a problem's message starts with its 1-based column. */
  static List<String> split(String line) {
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    int fieldStart = 0;
    for (int i = 0; i < line.length(); i++) {
      char ch = line.charAt(i);
      if (quoted) {
        if (ch == '"') {
          if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
            field.append('"');
            i++;
          } else {
            quoted = false;
          }
        } else {
          field.append(ch);
        }
      } else if (ch == ',') {
        fields.add(field.toString());
        field.setLength(0);
        fieldStart = i + 1;
      } else if (ch == '"' && field.toString().isBlank()) {
        quoted = true;
        field.setLength(0);
      } else {
        field.append(ch);
      }
    }
    if (quoted) {
      throw new IllegalArgumentException(
          (fields.size() + 1)
              + ": unclosed double quote (from character "
              + (fieldStart + 1)
              + ")");
    }
    fields.add(field.toString());
    return fields;
  }

  public List<PublishedReference> all() {
    return references;
  }

  /** The problems met reading the files, one line each, naming file, line and column. */
  public List<String> warnings() {
    return warnings;
  }

  /** The algorithms some reference is for. */
  public Set<String> algorithms() {
    return references.stream()
        .map(PublishedReference::algorithm)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  /** The agent whose published results fit {@code algorithm}: its base, or itself. */
  public static String baseOf(String algorithm) {
    return AlgorithmCatalogue.find(algorithm).flatMap(Algorithm::base).orElse(algorithm);
  }

  /**
   * The references a task's curve plot overlays: the same task (any version), an algorithm that is
   * one of the drawn agents or their base (sac references on a plot of sac or diffsac), and a
   * budget within the plot's steps or at most {@link #OVERLAY_REACH} times its last step.
   */
  public List<PublishedReference> forCurvePlot(
      String task, Collection<String> drawnAlgorithms, double lastStep) {
    Set<String> bases =
        drawnAlgorithms.stream()
            .map(PublishedReferences::baseOf)
            .collect(Collectors.toCollection(TreeSet::new));
    String family = PublishedReference.family(task);
    return references.stream()
        .filter(r -> r.taskFamily().equals(family))
        .filter(r -> bases.contains(r.algorithm()))
        .filter(r -> r.budget() <= OVERLAY_REACH * lastStep)
        .toList();
  }

  /**
   * For the report: the references for {@code algorithm} on {@code task} (any version), one per
   * source, metric and task version, each the one whose budget is nearest {@code budget} (by ratio;
   * of two equally near, the smaller budget).
   */
  public List<PublishedReference> nearest(String task, String algorithm, long budget) {
    String family = PublishedReference.family(task);
    Map<String, PublishedReference> best = new LinkedHashMap<>();
    Comparator<PublishedReference> distance =
        Comparator.<PublishedReference>comparingDouble(
                r -> Math.abs(Math.log((double) r.budget() / Math.max(1, budget))))
            .thenComparingLong(PublishedReference::budget);
    for (PublishedReference r : references) {
      if (!r.taskFamily().equals(family) || !r.algorithm().equals(algorithm)) {
        continue;
      }
      String key = r.source() + "|" + r.metric() + "|" + r.task();
      best.merge(key, r, (a, b) -> distance.compare(a, b) <= 0 ? a : b);
    }
    return new ArrayList<>(best.values());
  }

  private static String bundledText() {
    try (InputStream in = PublishedReferences.class.getResourceAsStream(BUNDLED)) {
      if (in == null) {
        throw new IllegalStateException("the analysis jar lacks " + BUNDLED);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + BUNDLED, e);
    }
  }
}
