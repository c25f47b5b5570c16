package dev.diffsweep.analysis.cli;

import org.apache.spark.sql.SparkSession;

/**
 * The SparkSession of the analysis commands: the one spark-submit configured when there is one,
 * else local mode on {@code master} (default: all cores).
 */
final class AnalysisSpark {
  private AnalysisSpark() {}

  static SparkSession session(String master) {
    SparkSession.Builder builder = SparkSession.builder().appName("diffsweep analyze");
    if (master != null) {
      builder.master(master);
    } else if (System.getProperty("spark.master") == null) {
      builder.master("local[*]");
    }
    SparkSession spark = builder.getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    return spark;
  }
}
