package dev.diffsweep.contract;

import java.util.List;
import java.util.NoSuchElementException;

/**
 * A table's name and its columns in file order.
 *
 * @param partitionedBy the columns a study's copy of the table gets from its folder names ({@code
 *     algorithm=A/task=T/trial_id=ID}); empty for a table kept in one file
 */
public record Table(String name, List<Column> columns, List<Column> partitionedBy) {
  public Table {
    columns = List.copyOf(columns);
    partitionedBy = List.copyOf(partitionedBy);
  }

  public Column column(String columnName) {
    for (Column column : columns) {
      if (column.name().equals(columnName)) {
        return column;
      }
    }
    for (Column column : partitionedBy) {
      if (column.name().equals(columnName)) {
        return column;
      }
    }
    throw new NoSuchElementException("table " + name + " has no column " + columnName);
  }

  public List<String> columnNames() {
    return columns.stream().map(Column::name).toList();
  }
}
