package dev.diffsweep.trainer.run;

import dev.diffsweep.contract.Tables;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageType;

/**
 * The run's episodes and evaluations tables as Parquet part files, in the contract's schema ({@link
 * Tables}, documented in docs/TABLES.md). Each part is written under a hidden temporary name
 * (readers skip names starting with a dot) and renamed into place, so a reader never sees half a
 * file.
 */
public final class MetricsTables {
  public static final MessageType EPISODES = ParquetSchemas.of(Tables.EPISODES);
  public static final MessageType EVALUATIONS = ParquetSchemas.of(Tables.EVALUATIONS);

  private static final RecordRows<EpisodeRow> EPISODE_ROWS =
      new RecordRows<>(EpisodeRow.class, Tables.EPISODES);
  private static final RecordRows<EvaluationRow> EVALUATION_ROWS =
      new RecordRows<>(EvaluationRow.class, Tables.EVALUATIONS);

  private static final Pattern PART = Pattern.compile("part-(\\d{5})\\.parquet");

  private final Path episodesDir;
  private final Path evaluationsDir;

  public MetricsTables(Path runDir) throws IOException {
    this.episodesDir = Files.createDirectories(runDir.resolve("episodes"));
    this.evaluationsDir = Files.createDirectories(runDir.resolve("evaluations"));
  }

  /** Writes part {@code index} of both tables. */
  public void writePart(int index, List<EpisodeRow> episodes, List<EvaluationRow> evaluations)
      throws IOException {
    write(episodesDir, index, EPISODES, episodes, EPISODE_ROWS);
    write(evaluationsDir, index, EVALUATIONS, evaluations, EVALUATION_ROWS);
  }

  /**
   * Deletes parts numbered {@code firstStale} and above, and leftover temporary files: after a
   * crash, these hold rows the resumed run writes again.
   */
  public void deletePartsFrom(int firstStale) throws IOException {
    for (Path dir : List.of(episodesDir, evaluationsDir)) {
      try (Stream<Path> files = Files.list(dir)) {
        for (Path file : files.toList()) {
          String name = file.getFileName().toString();
          Matcher matcher = PART.matcher(name);
          boolean stale = matcher.matches() && Integer.parseInt(matcher.group(1)) >= firstStale;
          if (stale || name.startsWith(".part-")) {
            Files.delete(file);
          }
        }
      }
    }
  }

  /** Writes {@code rows} as one part file, each filled into an empty group of {@code schema}. */
  private static <R extends Record> void write(
      Path dir, int index, MessageType schema, List<R> rows, RecordRows<R> layout)
      throws IOException {
    SimpleGroupFactory groups = new SimpleGroupFactory(schema);
    String name = String.format("part-%05d.parquet", index);
    Path temporary = dir.resolve("." + name + ".tmp");
    Files.deleteIfExists(temporary);
    Configuration conf = new Configuration(false);
    try (ParquetWriter<Group> writer =
        ExampleParquetWriter.builder(new LocalOutputFile(temporary))
            .withConf(conf)
            .withType(schema)
            .withCompressionCodec(CompressionCodecName.SNAPPY)
            .build()) {
      for (R row : rows) {
        writer.write(layout.fill(groups.newGroup(), row));
      }
    }
    Files.move(temporary, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
  }
}
