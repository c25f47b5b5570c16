package dev.diffsweep.pipeline.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** DuckDB as the independent reader of the tables the pipeline writes. */
public final class DuckDb {
  private DuckDb() {}

  /** The rows of a query, each as a list of column values. */
  public static List<List<Object>> query(String sql) {
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      int columns = result.getMetaData().getColumnCount();
      List<List<Object>> rows = new ArrayList<>();
      while (result.next()) {
        List<Object> row = new ArrayList<>();
        for (int i = 1; i <= columns; i++) {
          row.add(result.getObject(i));
        }
        rows.add(row);
      }
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  /** A single value. */
  public static Object value(String sql) {
    return query(sql).get(0).get(0);
  }

  /** read_parquet over one of a study's per-trial tables, with its hive partitions. */
  public static String table(java.nio.file.Path study, String table) {
    return "read_parquet('"
        + study.resolve("tables").resolve(table)
        + "/*/*/*/*.parquet', hive_partitioning = true)";
  }
}
