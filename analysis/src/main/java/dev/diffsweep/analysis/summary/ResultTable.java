package dev.diffsweep.analysis.summary;

import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/** One output table of the analysis: its folder name, schema and rows (small, driver-side). */
public record ResultTable(String name, StructType schema, List<Row> rows) {
  /** The value of {@code column} in {@code row}. */
  public <T> T get(Row row, String column) {
    return row.getAs(schema.fieldIndex(column));
  }
}
