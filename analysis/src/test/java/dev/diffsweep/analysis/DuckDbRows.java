package dev.diffsweep.analysis;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * DuckDB as the independent reader of what the analysis writes: a test recomputes the job's numbers
 * from the study's Parquet files with SQL and checks them row by row.
 */
final class DuckDbRows {
  /** A check of one row of a result. */
  interface RowCheck {
    void check(ResultSet row) throws SQLException;
  }

  private DuckDbRows() {}

  /** Runs {@code sql} and checks each row; returns how many rows there were. */
  static int forEach(Connection duckdb, String sql, RowCheck check) throws SQLException {
    try (Statement statement = duckdb.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      int count = 0;
      while (rows.next()) {
        check.check(rows);
        count++;
      }
      return count;
    }
  }

  /** {@code read_parquet} over one of the tables the analysis writes into the study folder. */
  static String output(String study, String table) {
    return "read_parquet('" + study + "/" + table + "/*.parquet')";
  }
}
