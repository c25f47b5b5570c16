package dev.diffsweep.trainer.run;

import dev.diffsweep.contract.Column;
import dev.diffsweep.contract.Table;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/** The Parquet schema of a contract table, for the writers of the trainer and the pipeline. */
public final class ParquetSchemas {
  private ParquetSchemas() {}

  public static MessageType of(Table table) {
    Types.MessageTypeBuilder message = Types.buildMessage();
    for (Column column : table.columns()) {
      message.addField(field(column));
    }
    return message.named(table.name());
  }

  private static Type field(Column column) {
    Type.Repetition repetition =
        column.required() ? Type.Repetition.REQUIRED : Type.Repetition.OPTIONAL;
    return switch (column.type()) {
      case STRING ->
          Types.primitive(PrimitiveTypeName.BINARY, repetition)
              .as(LogicalTypeAnnotation.stringType())
              .named(column.name());
      case INT32 -> Types.primitive(PrimitiveTypeName.INT32, repetition).named(column.name());
      case INT64 -> Types.primitive(PrimitiveTypeName.INT64, repetition).named(column.name());
      case DOUBLE -> Types.primitive(PrimitiveTypeName.DOUBLE, repetition).named(column.name());
      case BOOLEAN -> Types.primitive(PrimitiveTypeName.BOOLEAN, repetition).named(column.name());
      case STRING_MAP ->
          Types.map(repetition)
              .key(PrimitiveTypeName.BINARY)
              .as(LogicalTypeAnnotation.stringType())
              .requiredValue(PrimitiveTypeName.BINARY)
              .as(LogicalTypeAnnotation.stringType())
              .named(column.name());
    };
  }
}
