package dev.diffsweep.analysis.cli;

import dev.diffsweep.analysis.hadoop.NioLocalFileSystem;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Option;

/**
 * The analysis commands' {@code --master} option and the SparkSession it stands for: local mode on
 * {@code --master} when given, else the session spark-submit configured, else local mode on all
 * cores. A picocli mixin, so that the option and what it means are declared once.
 */
final class AnalysisSpark {
  @Option(names = "--master", description = "Spark master (default: spark-submit's, else local[*])")
  String master;

  SparkSession session() {
    SparkSession.Builder builder = SparkSession.builder().appName("diffsweep analyze");
    String local =
        master != null ? master : System.getProperty("spark.master") == null ? "local[*]" : null;
    if (local != null) {
      builder.master(local);
    }
    if (local != null && local.startsWith("local")) {
      // Spark's 200 shuffle partitions are meant for clusters; on a few local cores each stage
      // would pay for 200 tiny tasks and shuffle files.
      builder.config(
          "spark.sql.shuffle.partitions", 4 * Runtime.getRuntime().availableProcessors());
    }
    if (System.getProperty(NioLocalFileSystem.SPARK_KEY) == null) {
      // Local study folders: no chmod process per file written (see NioLocalFileSystem).
      builder.config(NioLocalFileSystem.SPARK_KEY, NioLocalFileSystem.class.getName());
    }
    SparkSession spark = builder.getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    return spark;
  }
}
