package dev.diffsweep.analysis.summary;

import dev.diffsweep.analysis.stats.Statistic;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Builds a result table's schema column by column, in the order rows are filled. */
public final class TableSchema {
  private StructType schema = new StructType();

  public TableSchema string(String name) {
    return add(name, DataTypes.StringType);
  }

  public TableSchema integer(String name) {
    return add(name, DataTypes.IntegerType);
  }

  public TableSchema bigint(String name) {
    return add(name, DataTypes.LongType);
  }

  public TableSchema real(String name) {
    return add(name, DataTypes.DoubleType);
  }

  /**
   * For each statistic s: {@code <prefix>s}, {@code <prefix>s_ci_low}, {@code <prefix>s_ci_high}.
   */
  public TableSchema statistics(String prefix) {
    for (Statistic s : Statistic.values()) {
      estimate(prefix + s.columnName());
    }
    return this;
  }

  /** An estimate with its interval: {@code name}, {@code name_ci_low}, {@code name_ci_high}. */
  public TableSchema estimate(String name) {
    return real(name).real(name + "_ci_low").real(name + "_ci_high");
  }

  public StructType build() {
    return schema;
  }

  private TableSchema add(String name, DataType type) {
    schema = schema.add(name, type, true);
    return this;
  }
}
