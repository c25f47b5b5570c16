package dev.diffsweep.pipeline.testing;

import dev.diffsweep.trainer.testing.DuckDbQuery;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/** DuckDB as the independent reader of the tables the pipeline writes. */
public final class DuckDb {
  private DuckDb() {}

  /** The rows of a query, each as a list of column values. */
  public static List<List<Object>> query(String sql) {
    try {
      return DuckDbQuery.rows(sql, ResultSet::getObject);
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
