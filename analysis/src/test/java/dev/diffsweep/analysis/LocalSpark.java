package dev.diffsweep.analysis;

import dev.diffsweep.analysis.hadoop.NioLocalFileSystem;
import org.apache.spark.sql.SparkSession;

/**
 * The tests' Spark: local, two cores, few shuffle partitions, no UI. One session serves every test
 * class of the JVM (Spark stops it at exit), as the analysis command shares whatever session is
 * running: starting one per class cost seconds each and tested nothing more.
 */
public final class LocalSpark {
  private LocalSpark() {}

  public static SparkSession session() {
    return SparkSession.builder()
        .master("local[2]")
        .appName("diffsweep-analysis-test")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.sql.session.timeZone", "UTC")
        .config(NioLocalFileSystem.SPARK_KEY, NioLocalFileSystem.class.getName())
        .getOrCreate();
  }
}
