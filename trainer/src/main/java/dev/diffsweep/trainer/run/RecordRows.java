package dev.diffsweep.trainer.run;

import dev.diffsweep.contract.Column;
import dev.diffsweep.contract.ColumnType;
import dev.diffsweep.contract.Table;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Map;
import org.apache.parquet.example.data.Group;

/**
 * A table's rows as a record type whose components are the contract's columns in file order, so
 * that the column names are spelled once, in {@link dev.diffsweep.contract.Tables}. The record is
 * checked against the table when this is made: same count, each component of the column's type.
 *
 * @param <R> the row record
 */
final class RecordRows<R extends Record> {
  private static final Map<ColumnType, Class<?>> JAVA_TYPES =
      Map.of(
          ColumnType.STRING, String.class,
          ColumnType.INT32, int.class,
          ColumnType.INT64, long.class,
          ColumnType.DOUBLE, double.class,
          ColumnType.BOOLEAN, boolean.class);

  private final RecordComponent[] components;

  RecordRows(Class<R> rowType, Table table) {
    this.components = rowType.getRecordComponents();
    List<Column> columns = table.columns();
    if (components.length != columns.size()) {
      throw new IllegalStateException(
          rowType.getSimpleName()
              + " has "
              + components.length
              + " components, table "
              + table.name()
              + " "
              + columns.size()
              + " columns");
    }
    for (int i = 0; i < components.length; i++) {
      Column column = columns.get(i);
      if (components[i].getType() != JAVA_TYPES.get(column.type())) {
        throw new IllegalStateException(
            rowType.getSimpleName()
                + "."
                + components[i].getName()
                + " is "
                + components[i].getType()
                + ", column "
                + table.name()
                + "."
                + column.name()
                + " is "
                + column.type().documentedName());
      }
    }
  }

  /** Fills {@code row} into an empty group of the table's schema, component i into column i. */
  Group fill(Group group, R row) {
    for (int i = 0; i < components.length; i++) {
      Object value = value(components[i], row);
      if (value instanceof String text) {
        group.add(i, text);
      } else if (value instanceof Integer number) {
        group.add(i, number);
      } else if (value instanceof Long number) {
        group.add(i, number);
      } else if (value instanceof Double number) {
        group.add(i, number);
      } else {
        group.add(i, (Boolean) value);
      }
    }
    return group;
  }

  private static Object value(RecordComponent component, Record row) {
    try {
      return component.getAccessor().invoke(row);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("cannot read " + component, e);
    }
  }
}
