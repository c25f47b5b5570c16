package dev.diffsweep.contract;

/**
 * One column of a table.
 *
 * @param required whether every row has a value (null is allowed otherwise)
 */
public record Column(String name, ColumnType type, boolean required) {
  static Column required(String name, ColumnType type) {
    return new Column(name, type, true);
  }

  static Column optional(String name, ColumnType type) {
    return new Column(name, type, false);
  }
}
