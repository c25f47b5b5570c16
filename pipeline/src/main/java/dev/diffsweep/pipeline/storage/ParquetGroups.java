package dev.diffsweep.pipeline.storage;

import java.io.IOException;
import java.util.function.Consumer;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.MessageType;

/** Reads small Parquet files row by row without Spark (the driver's own tables and run parts). */
final class ParquetGroups {
  private ParquetGroups() {}

  /** Hands every row of {@code file} to {@code row}, with the file's schema. */
  static MessageType read(FileSystem fileSystem, Path file, Consumer<Group> row)
      throws IOException {
    try (ParquetFileReader reader =
        ParquetFileReader.open(HadoopInputFile.fromPath(file, fileSystem.getConf()))) {
      MessageType schema = reader.getFooter().getFileMetaData().getSchema();
      PageReadStore pages;
      while ((pages = reader.readNextRowGroup()) != null) {
        RecordReader<Group> records =
            new ColumnIOFactory()
                .getColumnIO(schema)
                .getRecordReader(pages, new GroupRecordConverter(schema));
        for (long i = 0; i < pages.getRowCount(); i++) {
          row.accept(records.read());
        }
      }
      return schema;
    }
  }

  static boolean has(Group group, String field) {
    return group.getType().containsField(field) && group.getFieldRepetitionCount(field) > 0;
  }
}
