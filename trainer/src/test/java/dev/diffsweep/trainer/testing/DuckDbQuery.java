package dev.diffsweep.trainer.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * DuckDB as the independent reader of the Parquet files the code under test wrote: a query's rows
 * on a fresh in-memory database, which reads the files itself.
 */
public final class DuckDbQuery {
  private DuckDbQuery() {}

  /** Reads one cell of the result's current row, e.g. {@code ResultSet::getString}. */
  @FunctionalInterface
  public interface CellReader<T> {
    T read(ResultSet result, int column) throws SQLException;
  }

  /** The rows of {@code sql}, each as the list of its cells read by {@code cell}. */
  public static <T> List<List<T>> rows(String sql, CellReader<T> cell) throws SQLException {
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      int columns = result.getMetaData().getColumnCount();
      List<List<T>> rows = new ArrayList<>();
      while (result.next()) {
        List<T> row = new ArrayList<>();
        for (int column = 1; column <= columns; column++) {
          row.add(cell.read(result, column));
        }
        rows.add(row);
      }
      return rows;
    }
  }
}
