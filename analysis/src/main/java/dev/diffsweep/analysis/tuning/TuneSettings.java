package dev.diffsweep.analysis.tuning;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import dev.diffsweep.analysis.hocon.HoconReader;
import dev.diffsweep.contract.Direction;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the study's tune block says and the trials table does not: whether the tuner maximised or
 * minimised, which tail of the budget its objective averages, and how each parameter was sampled.
 * The pipeline records the block in study.conf as one JSON line, {@code tune = {...}}.
 *
 * @param recorded whether study.conf holds a readable tune block; if not, the rest are the tuner's
 *     defaults (maximize, last 10 %) and scales are guessed from the values
 * @param objectiveLastFraction the objective is the mean evaluation return over this last fraction
 *     of the budget, per seed
 * @param scales each parameter of the search space by name
 */
public record TuneSettings(
    boolean recorded,
    Direction direction,
    double objectiveLastFraction,
    Map<String, ParameterScale> scales) {

  /** The tuner's own defaults, for a study whose study.conf does not say. */
  static final TuneSettings DEFAULTS = new TuneSettings(false, Direction.MAXIMIZE, 0.1, Map.of());

  private static final String TUNE_LINE = "tune = ";

  public static TuneSettings fromStudyConf(Optional<String> studyConf) {
    Optional<String> block =
        studyConf.flatMap(
            text ->
                text.lines()
                    .filter(line -> line.startsWith(TUNE_LINE))
                    .map(line -> line.substring(TUNE_LINE.length()))
                    .findFirst());
    if (block.isEmpty()) {
      return DEFAULTS;
    }
    try {
      return parse(ConfigFactory.parseString(block.get()).root());
    } catch (ConfigException | IllegalArgumentException unreadable) {
      // A report of what the tables hold beats no report: fall back to what they imply.
      return DEFAULTS;
    }
  }

  /**
   * Reads the block with the study file's own reader, and like a block that does not parse, one
   * with any problem gives the defaults.
   */
  private static TuneSettings parse(ConfigObject tune) {
    HoconReader reader = new HoconReader();
    Direction direction =
        Direction.parse(reader.string(tune, "tune", "direction", DEFAULTS.direction().text()));
    ConfigObject objective = reader.object(tune, "tune", "objective");
    double lastFraction =
        objective == null
            ? DEFAULTS.objectiveLastFraction()
            : reader.real(
                objective, "tune.objective", "last-fraction", DEFAULTS.objectiveLastFraction());
    Map<String, ParameterScale> scales = new TreeMap<>();
    ConfigObject space = reader.object(tune, "tune", "space");
    if (space != null) {
      for (String name : space.keySet()) {
        ConfigObject parameter = reader.object(space, "tune.space", name);
        if (parameter != null) {
          scales.put(name, scale(reader, parameter, "tune.space." + name));
        }
      }
    }
    return reader.hasProblems()
        ? DEFAULTS
        : new TuneSettings(true, direction, lastFraction, scales);
  }

  private static ParameterScale scale(HoconReader reader, ConfigObject parameter, String key) {
    if (reader.string(parameter, key, "type", "").equals("categorical")) {
      return ParameterScale.CATEGORICAL;
    }
    return reader.bool(parameter, key, "log", false) ? ParameterScale.LOG : ParameterScale.LINEAR;
  }
}
