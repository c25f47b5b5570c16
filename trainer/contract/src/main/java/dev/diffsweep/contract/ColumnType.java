package dev.diffsweep.contract;

/** A column's type, named as docs/TABLES.md names it. */
public enum ColumnType {
  STRING("string"),
  INT32("int32"),
  INT64("int64"),
  DOUBLE("double"),
  BOOLEAN("boolean"),
  STRING_MAP("map<string,string>");

  private final String documentedName;

  ColumnType(String documentedName) {
    this.documentedName = documentedName;
  }

  /** The name docs/TABLES.md uses. */
  public String documentedName() {
    return documentedName;
  }
}
