package dev.diffsweep.pipeline.spark;

import dev.diffsweep.analysis.hadoop.NioLocalFileSystem;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/** Starts the study's SparkSession from its profile, leaving spark-submit's settings alone. */
public final class SparkSessions {
  static final String DEFAULT_MASTER = "local[*,4]";
  private static final Pattern LOCAL_WITH_FAILURES =
      Pattern.compile("local\\[[^,\\]]+,\\s*(\\d+)\\]");
  private static final Pattern LOCAL = Pattern.compile("local(\\[[^\\]]*\\])?");

  private SparkSessions() {}

  /**
   * The Spark settings a study runs with: spark-submit's (system properties) win, then the
   * profile's; the master is {@code masterOverride}, else spark-submit's, else the profile's, else
   * local[*,4].
   */
  public static SparkConf conf(SparkProfile profile, String masterOverride, String appName) {
    SparkConf conf = new SparkConf(true);
    profile.conf().forEach(conf::setIfMissing);
    if (masterOverride != null) {
      conf.setMaster(masterOverride);
    } else if (!conf.contains("spark.master")) {
      conf.setMaster(profile.master().orElse(DEFAULT_MASTER));
    }
    conf.setIfMissing("spark.app.name", appName);
    // Local study folders: no chmod process per file Spark or Hadoop writes (NioLocalFileSystem).
    conf.setIfMissing(NioLocalFileSystem.SPARK_KEY, NioLocalFileSystem.class.getName());
    return conf;
  }

  public static SparkSession start(SparkConf conf) {
    return SparkSession.builder().config(conf).getOrCreate();
  }

  /**
   * How many attempts a task gets: F in local[N,F] (local mode ignores spark.task.maxFailures), 1
   * in plain local mode, spark.task.maxFailures (default 4) elsewhere.
   */
  public static int maxAttempts(SparkConf conf) {
    String master = conf.get("spark.master", DEFAULT_MASTER).strip();
    Matcher withFailures = LOCAL_WITH_FAILURES.matcher(master);
    if (withFailures.matches()) {
      return Integer.parseInt(withFailures.group(1));
    }
    if (LOCAL.matcher(master).matches()) {
      return 1;
    }
    return conf.getInt("spark.task.maxFailures", 4);
  }

  /** The Hadoop settings (spark.hadoop.*) executors need to open the study folder. */
  public static Map<String, String> hadoopSettings(SparkConf conf) {
    Map<String, String> settings = new TreeMap<>();
    for (scala.Tuple2<String, String> entry : conf.getAllWithPrefix("spark.hadoop.")) {
      settings.put(entry._1(), entry._2());
    }
    return settings;
  }
}
