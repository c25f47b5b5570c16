package dev.diffsweep.analysis.tables;

import dev.diffsweep.contract.Column;
import dev.diffsweep.contract.Table;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Spark's schema for the contract's columns the analysis reads. */
public final class SparkSchemas {
  private SparkSchemas() {}

  /**
   * The named columns of {@code table}, partition columns included, in the order given; all
   * nullable, as Spark reads files (a required column's file may still come from an older writer).
   */
  public static StructType of(Table table, String... columnNames) {
    StructType schema = new StructType();
    for (String name : columnNames) {
      Column column = table.column(name);
      schema = schema.add(column.name(), type(column), true);
    }
    return schema;
  }

  private static DataType type(Column column) {
    return switch (column.type()) {
      case STRING -> DataTypes.StringType;
      case INT32 -> DataTypes.IntegerType;
      case INT64 -> DataTypes.LongType;
      case DOUBLE -> DataTypes.DoubleType;
      case BOOLEAN -> DataTypes.BooleanType;
      case STRING_MAP -> DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType);
    };
  }
}
