package dev.diffsweep.analysis.summary;

import dev.diffsweep.analysis.tables.StudyLayout;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * Writes result tables into the study folder: each as a Parquet folder {@code <name>/} (one file;
 * these tables are small) and a CSV copy {@code csv/<name>.csv}.
 */
public final class ResultTableWriter {
  private final SparkSession spark;
  private final StudyLayout layout;

  public ResultTableWriter(SparkSession spark, StudyLayout layout) {
    this.spark = spark;
    this.layout = layout;
  }

  /** Writes every table and returns the paths written. */
  public List<Path> write(List<ResultTable> tables) {
    List<Path> written = new ArrayList<>();
    for (ResultTable table : tables) {
      Path parquet = layout.output(table.name());
      spark
          .createDataFrame(table.rows(), table.schema())
          .coalesce(1)
          .write()
          .mode(SaveMode.Overwrite)
          .parquet(parquet.toString());
      written.add(parquet);
      Path csv = new Path(layout.output("csv"), table.name() + ".csv");
      writeCsv(table, csv);
      written.add(csv);
    }
    return written;
  }

  private void writeCsv(ResultTable table, Path path) {
    try {
      FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
      try (Writer out = new OutputStreamWriter(fs.create(path, true), StandardCharsets.UTF_8)) {
        out.write(String.join(",", table.schema().fieldNames()));
        out.write('\n');
        for (Row row : table.rows()) {
          for (int i = 0; i < row.length(); i++) {
            if (i > 0) {
              out.write(',');
            }
            out.write(csvField(row.get(i)));
          }
          out.write('\n');
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + path, e);
    }
  }

  /** Nulls become empty fields; text with a comma, quote or newline is quoted. */
  static String csvField(Object value) {
    if (value == null) {
      return "";
    }
    String text = value.toString();
    if (text.contains(",") || text.contains("\"") || text.contains("\n")) {
      return "\"" + text.replace("\"", "\"\"") + "\"";
    }
    return text;
  }
}
