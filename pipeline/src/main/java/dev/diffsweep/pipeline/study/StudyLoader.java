package dev.diffsweep.pipeline.study;

import static dev.diffsweep.analysis.hocon.HoconReader.render;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigSyntax;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import dev.diffsweep.analysis.hocon.HoconReader;
import dev.diffsweep.pipeline.tune.TuneBlockException;
import dev.diffsweep.pipeline.tune.TuneBlockParser;
import dev.diffsweep.pipeline.tune.TuneSpec;
import dev.diffsweep.pipeline.tune.space.Parameter;
import dev.diffsweep.pipeline.tune.space.SearchSpace;
import dev.diffsweep.trainer.agent.AlgorithmDefinition;
import dev.diffsweep.trainer.agent.Hyperparameters;
import dev.diffsweep.trainer.agent.registry.AlgorithmRegistry;
import dev.diffsweep.trainer.env.TaskRegistry;
import dev.diffsweep.trainer.run.Seeds;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Reads a study file (HOCON) and validates all of it before anything runs: every problem is
 * reported with the key and what is allowed, and nothing is guessed.
 */
public final class StudyLoader {
  static final List<String> KEYS =
      List.of(
          "name",
          "output",
          "algorithms",
          "tasks",
          "seeds",
          "steps",
          "evaluation",
          "grid",
          "algorithm-grid",
          "spark",
          "tune",
          "compare");
  private static final List<String> EVALUATION_KEYS = List.of("every", "episodes");
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
  private static final Pattern URI_SCHEME = Pattern.compile("[a-zA-Z][a-zA-Z0-9+.-]*:/.*");
  private static final String DEFAULT_PROFILE = "local";

  /** The most env steps one trial may take: more is a typo (1e30), not a study. */
  public static final long MAX_STEPS = 1_000_000_000L;

  /** The most seeds a study may list or count: more would not fit in memory or time. */
  public static final int MAX_SEEDS = 1000;

  static final long MAX_EVALUATION_EPISODES = 10_000;

  private final String source;
  private final Path workingDirectory;
  private final HoconReader reader = new HoconReader();

  private StudyLoader(String source, Path workingDirectory) {
    this.source = source;
    this.workingDirectory = workingDirectory;
  }

  /** Loads a study file; a relative output path is taken from the current directory. */
  public static Study load(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read study file " + file + ": " + e, e);
    }
    return parse(file.toString(), text, Path.of("").toAbsolutePath());
  }

  /** Parses study text; {@code source} names it in messages. */
  public static Study parse(String source, String text, Path workingDirectory) {
    return new StudyLoader(source, workingDirectory).parse(text);
  }

  private Study parse(String text) {
    Config config;
    try {
      config =
          ConfigFactory.parseString(
                  text,
                  ConfigParseOptions.defaults()
                      .setSyntax(ConfigSyntax.CONF)
                      .setOriginDescription(source))
              .resolve();
    } catch (ConfigException e) {
      throw new StudyFileException(source, List.of(syntaxProblem(e)));
    }
    for (String key : config.root().keySet()) {
      if (!KEYS.contains(key)) {
        reader.notAllowed(key, "unknown key", KEYS);
      }
    }
    String name = requiredString(config, "name");
    if (name != null && !NAME.matcher(name).matches()) {
      reader.add("name: '" + name + "' is not a folder name (letters, digits, '.', '_', '-')");
    }
    String output = outputUri(requiredString(config, "output"));
    List<String> algorithms = names(config, "algorithms", AlgorithmRegistry.names());
    List<String> tasks = names(config, "tasks", TaskRegistry.ids());
    List<Integer> seeds = seeds(config);
    StepBudget steps = steps(config, algorithms, tasks);
    EvaluationSchedule evaluation = evaluation(config);
    Map<String, List<String>> grid = grid(config, "grid");
    Map<String, Map<String, List<String>>> algorithmGrid = algorithmGrid(config, algorithms);
    checkHyperparameters(algorithms, grid, algorithmGrid);
    TuneSpec tune =
        config.hasPath("tune") ? tune(config, algorithms, tasks, steps, grid, algorithmGrid) : null;
    String tuneBlock = config.hasPath("tune") ? render(config.getValue("tune")) : "";
    String spark = config.hasPath("spark") ? string(config, "spark") : DEFAULT_PROFILE;
    Map<String, String> compare = compare(config, algorithms);
    if (reader.hasProblems()) {
      throw new StudyFileException(source, reader.problems());
    }
    return new Study(
        name,
        output,
        algorithms,
        tasks,
        seeds,
        steps,
        evaluation,
        grid,
        algorithmGrid,
        spark,
        source,
        tune,
        tuneBlock,
        compare);
  }

  /**
   * The study's own pairs for the report: {@code compare = { diffsac = sac }}, each side one of the
   * study's algorithms.
   */
  private Map<String, String> compare(Config config, List<String> algorithms) {
    Map<String, String> pairs = new java.util.LinkedHashMap<>();
    if (!config.hasPath("compare")) {
      return pairs;
    }
    ConfigValue value = config.getValue("compare");
    if (value.valueType() != ConfigValueType.OBJECT) {
      reader.wrong(
          "compare", "an object of algorithm = base algorithm, e.g. { diffsac = sac }", value);
      return pairs;
    }
    for (Map.Entry<String, ConfigValue> entry : ((ConfigObject) value).entrySet()) {
      String key = "compare." + entry.getKey();
      String base = scalarText(entry.getValue());
      if (!algorithms.contains(entry.getKey())) {
        reader.notAllowed(key, "not one of the study's algorithms", algorithms);
      } else if (entry.getValue().valueType() != ConfigValueType.STRING
          || !algorithms.contains(base)) {
        reader.notAllowed(
            key,
            "its base " + render(entry.getValue()) + " is not one of the study's algorithms",
            algorithms);
      } else if (base.equals(entry.getKey())) {
        reader.add(key + ": an algorithm cannot be compared with itself");
      } else {
        pairs.put(entry.getKey(), base);
      }
    }
    return pairs;
  }

  /**
   * The tune block, validated with the rest: its problems join the study's, and every parameter of
   * its search space must be a hyperparameter of one of the study's algorithms.
   */
  private TuneSpec tune(
      Config config,
      List<String> algorithms,
      List<String> tasks,
      StepBudget steps,
      Map<String, List<String>> grid,
      Map<String, Map<String, List<String>>> algorithmGrid) {
    if (tasks.size() > 1) {
      reader.add("tasks: a study with a tune block tunes one task; it lists " + tasks);
    }
    if (!steps.perAlgorithm().isEmpty()) {
      reader.add(
          "steps: a study with a tune block has one budget for every configuration; it gives "
              + steps.perAlgorithm().keySet()
              + " their own");
    }
    for (Map.Entry<String, List<String>> entry : grid.entrySet()) {
      if (entry.getValue().size() > 1) {
        reader.add(
            "grid."
                + entry.getKey()
                + ": a study with a tune block takes one value per grid key (a fixed setting);"
                + " put what to search in tune.space");
      }
    }
    algorithmGrid.forEach(
        (algorithm, own) ->
            own.forEach(
                (key, values) -> {
                  if (values.size() > 1) {
                    reader.add(
                        "algorithm-grid."
                            + algorithm
                            + "."
                            + key
                            + ": a study with a tune block takes one value per grid key");
                  }
                }));
    TuneSpec spec;
    try {
      spec = TuneBlockParser.parse(config, algorithms);
    } catch (TuneBlockException e) {
      reader.addAll(e.problems());
      return null;
    }
    for (Parameter parameter : spec.space().parameters()) {
      if (parameter.name().equals(SearchSpace.ALGORITHM)) {
        continue;
      }
      boolean known =
          algorithms.stream()
              .anyMatch(
                  algorithm ->
                      Hyperparameters.describe(AlgorithmRegistry.get(algorithm).defaults())
                          .containsKey(parameter.name()));
      if (!known) {
        List<String> allowed = new ArrayList<>();
        for (String algorithm : algorithms) {
          allowed.add(
              algorithm
                  + ": "
                  + String.join(
                      ", ",
                      Hyperparameters.describe(AlgorithmRegistry.get(algorithm).defaults())
                          .keySet()));
        }
        reader.add(
            "tune.space."
                + parameter.name()
                + ": not a hyperparameter of "
                + String.join(" or ", algorithms)
                + " (allowed: "
                + String.join("; ", allowed)
                + ")");
      }
    }
    return spec;
  }

  /** A HOCON error as "line N: what is wrong; fix ...", without the parser's origin prefix. */
  private String syntaxProblem(ConfigException e) {
    String message = e.getMessage();
    if (e.origin() == null || e.origin().lineNumber() < 0) {
      return message + "; fix the file's HOCON syntax";
    }
    String prefix = e.origin().description() + ": ";
    if (message.startsWith(prefix)) {
      message = message.substring(prefix.length());
    }
    return "line "
        + e.origin().lineNumber()
        + ": "
        + message
        + "; fix the HOCON syntax on that line (or the line before it)";
  }

  private String outputUri(String output) {
    if (output == null) {
      return null;
    }
    if (URI_SCHEME.matcher(output).matches()) {
      return URI.create(output).toString();
    }
    return workingDirectory.resolve(output).normalize().toUri().toString();
  }

  private List<String> names(Config config, String key, List<String> allowed) {
    List<String> values = stringList(config, key);
    List<String> known = new ArrayList<>();
    for (String value : values) {
      if (!allowed.contains(value)) {
        reader.notAllowed(key, "unknown value '" + value + "'", allowed);
      } else if (known.contains(value)) {
        reader.add(key + ": '" + value + "' is listed twice");
      } else {
        known.add(value);
      }
    }
    if (values.isEmpty() && config.hasPath(key)) {
      reader.notAllowed(key, "must not be empty", allowed);
    }
    return known;
  }

  private List<Integer> seeds(Config config) {
    String expected =
        "a list of seeds ("
            + Seeds.RULE
            + "), or a count N meaning 0..N-1, at most "
            + MAX_SEEDS
            + " seeds";
    if (!present(config, "seeds")) {
      return List.of();
    }
    ConfigValue value = config.getValue("seeds");
    List<Integer> seeds = new ArrayList<>();
    if (value.valueType() == ConfigValueType.NUMBER) {
      Number count = (Number) value.unwrapped();
      if (count.doubleValue() != Math.rint(count.doubleValue()) || count.doubleValue() <= 0) {
        reader.wrong("seeds", expected, value);
      } else if (count.doubleValue() > MAX_SEEDS) {
        reader.add(
            "seeds: "
                + render(value)
                + " seeds are more than a study runs (allowed: 1 to "
                + MAX_SEEDS
                + "); give fewer");
      } else {
        for (int seed = 0; seed < count.intValue(); seed++) {
          seeds.add(seed);
        }
      }
      return seeds;
    }
    if (value.valueType() != ConfigValueType.LIST) {
      reader.wrong("seeds", expected, value);
      return seeds;
    }
    for (ConfigValue item : (ConfigList) value) {
      Object seed = item.unwrapped();
      boolean whole =
          seed instanceof Number number && number.doubleValue() == Math.rint(number.doubleValue());
      if (!whole || !Seeds.valid(((Number) seed).longValue())) {
        reader.add("seeds: " + render(item) + " is not a seed (allowed: " + Seeds.RULE + ")");
        return List.of();
      }
      int next = ((Number) seed).intValue();
      if (seeds.contains(next)) {
        reader.add("seeds: " + next + " is listed twice");
        return List.of();
      }
      seeds.add(next);
    }
    if (seeds.isEmpty()) {
      reader.wrong("seeds", expected, value);
    } else if (seeds.size() > MAX_SEEDS) {
      reader.add(
          "seeds: "
              + seeds.size()
              + " seeds are more than a study runs (allowed: 1 to "
              + MAX_SEEDS
              + "); give fewer");
    }
    return seeds;
  }

  private StepBudget steps(Config config, List<String> algorithms, List<String> tasks) {
    String expected =
        "a positive integer, or {default = N, <task> = M, <algorithm> = M or {default = N, <task> ="
            + " M}}";
    if (!present(config, "steps")) {
      return new StepBudget(0, Map.of());
    }
    ConfigValue value = config.getValue("steps");
    if (value.valueType() == ConfigValueType.NUMBER) {
      return new StepBudget(positiveLong(config, "steps", expected), Map.of());
    }
    if (value.valueType() != ConfigValueType.OBJECT) {
      reader.wrong("steps", expected, value);
      return new StepBudget(0, Map.of());
    }
    StepBudget budget = taskBudget(config, "steps", tasks, algorithms, expected);
    if (budget.defaultSteps() == 0) {
      for (String algorithm : algorithms) {
        StepBudget own = budget.perAlgorithm().get(algorithm);
        boolean covered =
            own != null && own.defaultSteps() > 0
                || tasks.stream()
                    .allMatch(
                        task ->
                            budget.perTask().containsKey(task)
                                || own != null && own.perTask().containsKey(task));
        if (!covered) {
          reader.add(
              "steps: give a default or a budget for every task "
                  + tasks
                  + (budget.perAlgorithm().isEmpty() ? "" : " of " + algorithm));
          break;
        }
      }
    }
    return budget;
  }

  /**
   * One level of a step budget: {@code default}, task ids and (at the top level only) algorithm
   * names, each an algorithm's own level.
   */
  private StepBudget taskBudget(
      Config config, String path, List<String> tasks, List<String> algorithms, String expected) {
    List<String> allowed = new ArrayList<>(List.of("default"));
    allowed.addAll(tasks);
    allowed.addAll(algorithms);
    long defaultSteps = 0;
    Map<String, Long> perTask = new TreeMap<>();
    Map<String, StepBudget> perAlgorithm = new TreeMap<>();
    for (String key : config.getConfig(path).root().keySet()) {
      String quoted = quotedPath(path, key);
      String readable = path.replace("\"", "") + "." + key;
      if (!allowed.contains(key)) {
        reader.notAllowed(readable, "unknown key", allowed);
      } else if (algorithms.contains(key)
          && config.getValue(quoted).valueType() == ConfigValueType.OBJECT) {
        perAlgorithm.put(key, taskBudget(config, quoted, tasks, List.of(), expected));
      } else if (algorithms.contains(key)) {
        perAlgorithm.put(key, new StepBudget(positiveLong(config, quoted, expected), Map.of()));
      } else if (key.equals("default")) {
        defaultSteps = positiveLong(config, quoted, expected);
      } else {
        perTask.put(key, positiveLong(config, quoted, expected));
      }
    }
    return new StepBudget(defaultSteps, perTask, perAlgorithm);
  }

  private EvaluationSchedule evaluation(Config config) {
    if (!present(config, "evaluation")) {
      return new EvaluationSchedule(0, 0);
    }
    if (config.getValue("evaluation").valueType() != ConfigValueType.OBJECT) {
      reader.wrong("evaluation", "{every = STEPS, episodes = N}", config.getValue("evaluation"));
      return new EvaluationSchedule(0, 0);
    }
    reader.unknownKeys(config.getConfig("evaluation").root(), "evaluation", EVALUATION_KEYS);
    long every = 0;
    int episodes = 0;
    if (present(config, "evaluation.every")) {
      every = positiveLong(config, "evaluation.every", "a positive number of env steps");
    }
    if (present(config, "evaluation.episodes")) {
      episodes =
          (int)
              positiveLong(
                  config,
                  "evaluation.episodes",
                  "a positive number of episodes",
                  MAX_EVALUATION_EPISODES,
                  "episodes");
    }
    return new EvaluationSchedule(every, episodes);
  }

  private Map<String, List<String>> grid(Config config, String key) {
    if (!config.hasPath(key)) {
      return Map.of();
    }
    String expected = "an object of hyperparameter = value or [values]";
    ConfigValue value = config.getValue(key);
    if (value.valueType() != ConfigValueType.OBJECT) {
      reader.wrong(key, expected, value);
      return Map.of();
    }
    Map<String, List<String>> grid = new TreeMap<>();
    for (Map.Entry<String, ConfigValue> entry : ((ConfigObject) value).entrySet()) {
      String path = key + "." + entry.getKey();
      List<String> values = gridValues(path, entry.getValue());
      if (!values.isEmpty()) {
        grid.put(entry.getKey(), values);
      }
    }
    return grid;
  }

  private List<String> gridValues(String path, ConfigValue value) {
    String expected = "a number, string or boolean, or a non-empty list of them";
    List<ConfigValue> items = new ArrayList<>();
    if (value.valueType() == ConfigValueType.LIST) {
      items.addAll((ConfigList) value);
      if (items.isEmpty()) {
        reader.wrong(path, expected, value);
        return List.of();
      }
    } else {
      items.add(value);
    }
    List<String> values = new ArrayList<>();
    for (ConfigValue item : items) {
      String text = scalarText(item);
      if (text == null) {
        reader.wrong(path, expected, value);
        return List.of();
      }
      if (!values.contains(text)) {
        values.add(text);
      }
    }
    return values;
  }

  /**
   * The canonical text of a scalar: numbers written one way whatever the file said (3e-4 and 0.0003
   * are the same hyperparameter, so the same trial id).
   */
  static String scalarText(ConfigValue value) {
    return switch (value.valueType()) {
      case STRING -> (String) value.unwrapped();
      case BOOLEAN -> value.unwrapped().toString();
      case NUMBER -> {
        Long whole = HoconReader.whole(value);
        yield whole != null
            ? Long.toString(whole)
            : Double.toString(((Number) value.unwrapped()).doubleValue());
      }
      default -> null;
    };
  }

  private Map<String, Map<String, List<String>>> algorithmGrid(
      Config config, List<String> algorithms) {
    String key = "algorithm-grid";
    if (!config.hasPath(key)) {
      return Map.of();
    }
    ConfigValue value = config.getValue(key);
    if (value.valueType() != ConfigValueType.OBJECT) {
      reader.wrong(key, "an object of algorithm = {hyperparameter = [values]}", value);
      return Map.of();
    }
    Map<String, Map<String, List<String>>> grids = new TreeMap<>();
    for (String algorithm : ((ConfigObject) value).keySet()) {
      if (!algorithms.contains(algorithm)) {
        reader.notAllowed(key + "." + algorithm, "not one of the study's algorithms", algorithms);
        continue;
      }
      grids.put(algorithm, grid(config, quotedPath(key, algorithm)));
    }
    return grids;
  }

  /**
   * Every grid key must be a hyperparameter of each algorithm it applies to, and every value one
   * the trainer accepts, so a typo fails here and not in the trainer JVMs after Spark started.
   */
  private void checkHyperparameters(
      List<String> algorithms,
      Map<String, List<String>> grid,
      Map<String, Map<String, List<String>>> algorithmGrid) {
    for (String algorithm : algorithms) {
      AlgorithmDefinition<?> definition = AlgorithmRegistry.get(algorithm);
      List<String> keys = List.copyOf(Hyperparameters.describe(definition.defaults()).keySet());
      Map<String, List<String>> own = algorithmGrid.getOrDefault(algorithm, Map.of());
      Map<String, List<String>> merged = new TreeMap<>(grid);
      merged.putAll(own);
      for (Map.Entry<String, List<String>> entry : merged.entrySet()) {
        String key = entry.getKey();
        String path =
            own.containsKey(key) ? "algorithm-grid." + algorithm + "." + key : "grid." + key;
        if (!keys.contains(key)) {
          reader.add(
              path
                  + ": not a hyperparameter of "
                  + algorithm
                  + " (allowed: "
                  + Hyperparameters.allowed(definition.defaults())
                  + ")");
          continue;
        }
        for (String value : entry.getValue()) {
          try {
            definition.configure(Map.of(key, value));
          } catch (IllegalArgumentException e) {
            reader.add(path + ": " + algorithm + " refuses '" + value + "': " + e.getMessage());
          }
        }
      }
    }
  }

  private String requiredString(Config config, String key) {
    return present(config, key) ? string(config, key) : null;
  }

  private String string(Config config, String key) {
    ConfigValue value = config.getValue(key);
    if (value.valueType() != ConfigValueType.STRING || config.getString(key).isBlank()) {
      reader.wrong(key, "a non-empty string", value);
      return null;
    }
    return config.getString(key);
  }

  private List<String> stringList(Config config, String key) {
    if (!present(config, key)) {
      return List.of();
    }
    try {
      return config.getStringList(key);
    } catch (ConfigException.WrongType e) {
      reader.wrong(key, "a list of strings", config.getValue(key));
      return List.of();
    }
  }

  private long positiveLong(Config config, String path, String expected) {
    return positiveLong(config, path, expected, MAX_STEPS, "env steps");
  }

  /** A whole number in 1..max; above max a problem naming the key and the allowed range. */
  private long positiveLong(Config config, String path, String expected, long max, String unit) {
    ConfigValue value = config.getValue(path);
    String key = path.replace("\"", "");
    if (value.valueType() == ConfigValueType.NUMBER) {
      Number number = (Number) value.unwrapped();
      double real = number.doubleValue();
      if (real > max) {
        reader.add(
            key
                + ": "
                + render(value)
                + " is over the limit of "
                + max
                + " "
                + unit
                + " (allowed: 1 to "
                + max
                + ")");
        return 0;
      }
      if (real > 0 && real == Math.rint(real)) {
        return (long) real;
      }
    }
    reader.wrong(key, expected, value);
    return 0;
  }

  private boolean present(Config config, String key) {
    if (config.hasPath(key)) {
      return true;
    }
    reader.missing(key);
    return false;
  }

  /** A path whose last element may contain '.' or '-' (task ids do). */
  private static String quotedPath(String parent, String child) {
    return parent + ".\"" + child + "\"";
  }
}
