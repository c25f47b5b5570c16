package dev.diffsweep.pipeline.spark;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Where and how a study runs: a master (absent when spark-submit gives one) and Spark settings. A
 * profile is a file {@code conf/spark/NAME.conf}; the same files ship inside the jar for
 * spark-submit.
 *
 * @param source the file or resource it came from, for messages
 */
public record SparkProfile(String source, Optional<String> master, Map<String, String> conf) {
  static final String RESOURCE_FOLDER = "diffsweep/conf/spark/";
  private static final List<String> KEYS = List.of("master", "conf");

  public SparkProfile {
    conf = Map.copyOf(conf);
  }

  /**
   * The profile a study names: a path to a .conf file (relative to the study's folder), or a name
   * looked up in the study's {@code spark/} folder and then in the jar.
   */
  public static SparkProfile resolve(String profile, Path studyDirectory) {
    Config config;
    String source;
    if (profile.endsWith(".conf")) {
      Path file = studyDirectory.resolve(profile);
      source = file.toString();
      config = parseFile(file);
    } else {
      Path file = studyDirectory.resolve("spark").resolve(profile + ".conf");
      if (Files.isRegularFile(file)) {
        source = file.toString();
        config = parseFile(file);
      } else {
        source = "classpath:" + RESOURCE_FOLDER + profile + ".conf";
        config = ConfigFactory.parseResources(RESOURCE_FOLDER + profile + ".conf");
        if (config.isEmpty()) {
          throw new IllegalArgumentException(
              "unknown Spark profile '"
                  + profile
                  + "': no "
                  + file
                  + " and none in the jar (shipped: local, cluster, gpu, rapids)");
        }
      }
    }
    return fromConfig(source, config.resolve());
  }

  private static Config parseFile(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("Spark profile file " + file + " does not exist");
    }
    try {
      return ConfigFactory.parseFile(file.toFile());
    } catch (ConfigException e) {
      throw new IllegalArgumentException("invalid Spark profile " + file + ": " + e.getMessage());
    }
  }

  static SparkProfile fromConfig(String source, Config config) {
    for (String key : config.root().keySet()) {
      if (!KEYS.contains(key)) {
        throw new IllegalArgumentException(
            "invalid Spark profile "
                + source
                + ": unknown key '"
                + key
                + "' (allowed: master, conf)");
      }
    }
    Optional<String> master =
        config.hasPath("master") ? Optional.of(config.getString("master")) : Optional.empty();
    Map<String, String> settings = new TreeMap<>();
    if (config.hasPath("conf")) {
      for (Map.Entry<String, ConfigValue> entry : config.getObject("conf").entrySet()) {
        ConfigValue value = entry.getValue();
        if (value.valueType() == ConfigValueType.OBJECT
            || value.valueType() == ConfigValueType.LIST) {
          throw new IllegalArgumentException(
              "invalid Spark profile "
                  + source
                  + ": conf key '"
                  + entry.getKey()
                  + "' must be a single value; quote Spark keys, e.g. \"spark.task.cpus\" = 1");
        }
        settings.put(entry.getKey(), String.valueOf(value.unwrapped()));
      }
    }
    return new SparkProfile(source, master, settings);
  }

  /** This profile with the master replaced, for --master on the command line. */
  public SparkProfile withMaster(String newMaster) {
    return new SparkProfile(source, Optional.of(newMaster), conf);
  }
}
