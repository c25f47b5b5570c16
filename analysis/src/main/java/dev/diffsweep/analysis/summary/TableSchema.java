package dev.diffsweep.analysis.summary;

import dev.diffsweep.analysis.stats.Statistic;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Builds a result table's schema column by column, in the order rows are filled. */
final class TableSchema {
  private StructType schema = new StructType();

  TableSchema string(String name) {
    return add(name, DataTypes.StringType);
  }

  TableSchema integer(String name) {
    return add(name, DataTypes.IntegerType);
  }

  TableSchema bigint(String name) {
    return add(name, DataTypes.LongType);
  }

  TableSchema real(String name) {
    return add(name, DataTypes.DoubleType);
  }

  /**
   * For each statistic s: {@code <prefix>s}, {@code <prefix>s_ci_low}, {@code <prefix>s_ci_high}.
   */
  TableSchema statistics(String prefix) {
    for (Statistic s : Statistic.values()) {
      real(prefix + s.columnName());
      real(prefix + s.columnName() + "_ci_low");
      real(prefix + s.columnName() + "_ci_high");
    }
    return this;
  }

  StructType build() {
    return schema;
  }

  private TableSchema add(String name, DataType type) {
    schema = schema.add(name, type, true);
    return this;
  }
}
