package dev.diffsweep.pipeline.tune;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import dev.diffsweep.contract.Direction;
import dev.diffsweep.pipeline.tune.pruner.MedianPruner;
import dev.diffsweep.pipeline.tune.pruner.SuccessiveHalving;
import dev.diffsweep.pipeline.tune.sampler.GeneticSampler;
import dev.diffsweep.pipeline.tune.sampler.TpeSampler;
import dev.diffsweep.pipeline.tune.space.CategoricalParameter;
import dev.diffsweep.pipeline.tune.space.Condition;
import dev.diffsweep.pipeline.tune.space.FloatParameter;
import dev.diffsweep.pipeline.tune.space.IntParameter;
import dev.diffsweep.pipeline.tune.space.Parameter;
import dev.diffsweep.pipeline.tune.space.SearchSpace;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and validates a study file's {@code tune} block. Like the study loader it reports every
 * problem at once, each naming its key and what is allowed, and guesses nothing:
 *
 * <pre>
 * tune {
 *   direction = maximize          # or minimize
 *   trials = 20                   # configurations to try
 *   parallelism = 2               # trials in flight (a cohort's size unless the sampler or pruner sets it)
 *   seeds-per-trial = 2           # each configuration trains with seeds 0..N-1
 *   seed = 0                      # the samplers' seed
 *   objective { last-fraction = 0.1 }    # IQM over seeds of the mean eval return over the tail
 *   sampler { type = tpe, startup-trials = 10, ei-candidates = 24, prior-weight = 1.0, constant-liar = true }
 *   pruner { type = successive-halving, min-budget = 2500, eta = 3, trials-per-bracket = 20 }
 *   space {
 *     learning_rate { type = float, low = 1e-4, high = 3e-3, log = true }
 *     batch_size { type = categorical, choices = [128, 256] }
 *     diffusion_steps { type = int, low = 2, high = 16, step = 2, when { algorithm = [diffsac] } }
 *   }
 * }
 * </pre>
 */
public final class TuneBlockParser {
  static final List<String> KEYS =
      List.of(
          "direction",
          "trials",
          "parallelism",
          "seeds-per-trial",
          "seed",
          "objective",
          "sampler",
          "pruner",
          "space");
  static final List<String> DIRECTIONS = List.of("maximize", "minimize");
  static final List<String> PARAMETER_TYPES = List.of("float", "int", "categorical");
  private static final Map<String, List<String>> SAMPLER_KEYS =
      Map.of(
          "random", List.of("type"),
          "grid", List.of("type", "points"),
          "tpe",
              List.of("type", "startup-trials", "ei-candidates", "prior-weight", "constant-liar"),
          "genetic", List.of("type", "population", "tournament-size", "crossover", "mutation"));
  private static final Map<String, List<String>> PRUNER_KEYS =
      Map.of(
          "none", List.of("type"),
          "median", List.of("type", "startup-trials", "warmup-steps", "interval"),
          "successive-halving", List.of("type", "min-budget", "eta", "trials-per-bracket"),
          "hyperband", List.of("type", "min-budget", "eta"));
  private static final Map<String, List<String>> PARAMETER_KEYS =
      Map.of(
          "float", List.of("type", "low", "high", "log", "when"),
          "int", List.of("type", "low", "high", "step", "log", "when"),
          "categorical", List.of("type", "choices", "when"));
  private static final int DEFAULT_TRIALS = 20;
  private static final int DEFAULT_PARALLELISM = 1;

  private final List<String> problems = new ArrayList<>();

  private TuneBlockParser() {}

  /**
   * The {@code tune} block of a parsed study file; throws {@link TuneBlockException} listing every
   * problem.
   *
   * @param algorithms the study's algorithms (a condition may name them)
   */
  public static TuneSpec parse(Config study, List<String> algorithms) {
    return new TuneBlockParser().parseBlock(study, algorithms);
  }

  private TuneSpec parseBlock(Config study, List<String> algorithms) {
    if (!study.hasPath("tune") || !isObject(study.getValue("tune"))) {
      throw new TuneBlockException(
          List.of(
              study.hasPath("tune")
                  ? "tune: expected an object { ... }, got " + render(study.getValue("tune"))
                  : "tune: missing"));
    }
    ConfigObject tune = (ConfigObject) study.getValue("tune");
    unknownKeys(tune, "tune", KEYS);
    String directionText = choice(tune, "tune", "direction", DIRECTIONS, "maximize", "direction");
    Direction direction =
        directionText == null ? Direction.MAXIMIZE : Direction.parse(directionText);
    int trials = (int) integer(tune, "tune", "trials", DEFAULT_TRIALS, 1);
    int parallelism = (int) integer(tune, "tune", "parallelism", DEFAULT_PARALLELISM, 1);
    int seedsPerTrial = (int) integer(tune, "tune", "seeds-per-trial", 1, 1);
    long seed = integer(tune, "tune", "seed", 0, 0);
    Objective objective = objective(tune);
    SamplerSpec sampler = sampler(tune);
    PrunerSpec pruner = pruner(tune, trials);
    SearchSpace space = space(tune, algorithms);
    if (!problems.isEmpty()) {
      throw new TuneBlockException(problems);
    }
    return new TuneSpec(
        direction, trials, parallelism, seedsPerTrial, seed, objective, sampler, pruner, space);
  }

  private Objective objective(ConfigObject tune) {
    ConfigObject block = block(tune, "tune", "objective");
    if (block == null) {
      return Objective.standard();
    }
    unknownKeys(block, "tune.objective", List.of("last-fraction"));
    double fraction =
        real(block, "tune.objective", "last-fraction", Objective.DEFAULT_LAST_FRACTION);
    if (!(fraction > 0 && fraction <= 1)) {
      problems.add("tune.objective.last-fraction: must be in (0, 1], got " + fraction);
      return Objective.standard();
    }
    return new Objective(fraction);
  }

  private SamplerSpec sampler(ConfigObject tune) {
    ConfigObject block = block(tune, "tune", "sampler");
    String prefix = "tune.sampler";
    if (block == null) {
      return new SamplerSpec.Tpe(
          TpeSampler.DEFAULT_STARTUP_TRIALS,
          TpeSampler.DEFAULT_EI_CANDIDATES,
          TpeSampler.DEFAULT_PRIOR_WEIGHT,
          true);
    }
    String type = choice(block, prefix, "type", SamplerSpec.TYPES, "tpe", "sampler");
    if (type == null) {
      return new SamplerSpec.Random();
    }
    unknownKeys(block, prefix + " (type " + type + ")", SAMPLER_KEYS.get(type));
    return switch (type) {
      case "random" -> new SamplerSpec.Random();
      case "grid" ->
          new SamplerSpec.Grid(
              (int) integer(block, prefix, "points", SamplerSpec.Grid.DEFAULT_POINTS, 2));
      case "genetic" -> {
        int population =
            (int) integer(block, prefix, "population", GeneticSampler.DEFAULT_POPULATION, 2);
        int tournament =
            (int)
                integer(
                    block, prefix, "tournament-size", GeneticSampler.DEFAULT_TOURNAMENT_SIZE, 2);
        double crossover =
            probability(block, prefix, "crossover", GeneticSampler.DEFAULT_CROSSOVER);
        double mutation = probability(block, prefix, "mutation", GeneticSampler.DEFAULT_MUTATION);
        yield new SamplerSpec.Genetic(population, tournament, crossover, mutation);
      }
      default -> {
        int startup =
            (int) integer(block, prefix, "startup-trials", TpeSampler.DEFAULT_STARTUP_TRIALS, 0);
        int candidates =
            (int) integer(block, prefix, "ei-candidates", TpeSampler.DEFAULT_EI_CANDIDATES, 1);
        double priorWeight = real(block, prefix, "prior-weight", TpeSampler.DEFAULT_PRIOR_WEIGHT);
        if (!(priorWeight > 0)) {
          problems.add(prefix + ".prior-weight: must be > 0, got " + priorWeight);
        }
        boolean liar = bool(block, prefix, "constant-liar", true);
        yield new SamplerSpec.Tpe(startup, candidates, priorWeight, liar);
      }
    };
  }

  private PrunerSpec pruner(ConfigObject tune, int trials) {
    ConfigObject block = block(tune, "tune", "pruner");
    String prefix = "tune.pruner";
    if (block == null) {
      return new PrunerSpec.None();
    }
    String type = choice(block, prefix, "type", PrunerSpec.TYPES, "none", "pruner");
    if (type == null) {
      return new PrunerSpec.None();
    }
    unknownKeys(block, prefix + " (type " + type + ")", PRUNER_KEYS.get(type));
    return switch (type) {
      case "none" -> new PrunerSpec.None();
      case "median" ->
          new PrunerSpec.Median(
              (int)
                  integer(block, prefix, "startup-trials", MedianPruner.DEFAULT_STARTUP_TRIALS, 0),
              integer(block, prefix, "warmup-steps", 0, 0),
              integer(block, prefix, "interval", 0, 0));
      case "successive-halving" ->
          new PrunerSpec.SuccessiveHalving(
              requiredInteger(block, prefix, "min-budget", 1),
              (int) integer(block, prefix, "eta", SuccessiveHalving.DEFAULT_ETA, 2),
              (int) integer(block, prefix, "trials-per-bracket", trials, 1));
      default ->
          new PrunerSpec.Hyperband(
              requiredInteger(block, prefix, "min-budget", 1),
              (int) integer(block, prefix, "eta", SuccessiveHalving.DEFAULT_ETA, 2));
    };
  }

  private SearchSpace space(ConfigObject tune, List<String> algorithms) {
    ConfigObject block = block(tune, "tune", "space");
    if (block == null || block.isEmpty()) {
      problems.add(
          "tune.space: missing; give at least one parameter, e.g. "
              + "learning_rate { type = float, low = 1e-4, high = 1e-3, log = true }");
      return null;
    }
    Map<String, Parameter> parameters = new LinkedHashMap<>();
    Map<String, ConfigObject> conditions = new LinkedHashMap<>();
    for (Map.Entry<String, ConfigValue> entry : block.entrySet()) {
      String name = entry.getKey();
      String key = "tune.space." + name;
      if (name.equals(SearchSpace.ALGORITHM)) {
        problems.add(key + ": 'algorithm' is reserved; the study's algorithms list sets it");
        continue;
      }
      if (!isObject(entry.getValue())) {
        problems.add(
            key
                + ": expected { type = float|int|categorical, ... }, got "
                + render(entry.getValue()));
        continue;
      }
      ConfigObject spec = (ConfigObject) entry.getValue();
      Parameter parameter = parameter(name, key, spec);
      if (parameter != null) {
        parameters.put(name, parameter);
        ConfigObject when = block(spec, key, "when");
        if (when != null) {
          conditions.put(name, when);
        }
      }
    }
    if (algorithms.isEmpty()) {
      return null;
    }
    CategoricalParameter algorithm =
        new CategoricalParameter(SearchSpace.ALGORITHM, List.copyOf(algorithms), List.of());
    List<Parameter> withConditions = new ArrayList<>();
    for (Parameter parameter : parameters.values()) {
      ConfigObject when = conditions.get(parameter.name());
      List<Condition> parsed =
          when == null ? List.of() : conditions(parameter.name(), when, parameters, algorithm);
      withConditions.add(withConditions(parameter, parsed));
    }
    if (!problems.isEmpty()) {
      return null;
    }
    try {
      return SearchSpace.of(algorithms, withConditions);
    } catch (IllegalArgumentException e) {
      problems.add("tune.space: " + e.getMessage());
      return null;
    }
  }

  private Parameter parameter(String name, String key, ConfigObject spec) {
    String type = choice(spec, key, "type", PARAMETER_TYPES, null, "parameter type");
    if (type == null) {
      return null;
    }
    unknownKeys(spec, key + " (type " + type + ")", PARAMETER_KEYS.get(type));
    int before = problems.size();
    try {
      switch (type) {
        case "float" -> {
          Double low = requiredReal(spec, key, "low");
          Double high = requiredReal(spec, key, "high");
          boolean log = bool(spec, key, "log", false);
          if (low == null || high == null) {
            return null;
          }
          if (!(low < high)) {
            problems.add(key + ".low: must be < high (got low = " + low + ", high = " + high + ")");
          } else if (log && low <= 0) {
            problems.add(key + ".low: must be > 0 when log = true (got " + low + ")");
          }
          return problems.size() > before
              ? null
              : new FloatParameter(name, low, high, log, List.of());
        }
        case "int" -> {
          Long low = requiredWhole(spec, key, "low");
          Long high = requiredWhole(spec, key, "high");
          long step = integer(spec, key, "step", 1, 1);
          boolean log = bool(spec, key, "log", false);
          if (low == null || high == null) {
            return null;
          }
          if (low > high) {
            problems.add(
                key + ".low: must be <= high (got low = " + low + ", high = " + high + ")");
          } else if (log && low < 1) {
            problems.add(key + ".low: must be >= 1 when log = true (got " + low + ")");
          } else if (log && step != 1) {
            problems.add(key + ".step: must be 1 when log = true (got " + step + ")");
          }
          return problems.size() > before
              ? null
              : new IntParameter(name, low, high, step, log, List.of());
        }
        default -> {
          List<Object> choices = choices(spec, key);
          return choices == null ? null : new CategoricalParameter(name, choices, List.of());
        }
      }
    } catch (IllegalArgumentException e) {
      problems.add(key + ": " + e.getMessage());
      return null;
    }
  }

  private List<Object> choices(ConfigObject spec, String key) {
    ConfigValue value = spec.get("choices");
    String expected = "a non-empty list of distinct numbers, strings or booleans";
    if (value == null) {
      problems.add(key + ".choices: missing; expected " + expected);
      return null;
    }
    if (value.valueType() != ConfigValueType.LIST || ((ConfigList) value).isEmpty()) {
      problems.add(key + ".choices: expected " + expected + ", got " + render(value));
      return null;
    }
    List<Object> choices = new ArrayList<>();
    List<String> texts = new ArrayList<>();
    for (ConfigValue item : (ConfigList) value) {
      Object choice = scalar(item);
      if (choice == null) {
        problems.add(key + ".choices: expected " + expected + ", got " + render(value));
        return null;
      }
      if (texts.contains(String.valueOf(choice))) {
        problems.add(key + ".choices: '" + choice + "' is listed twice");
        return null;
      }
      texts.add(String.valueOf(choice));
      choices.add(choice);
    }
    return choices;
  }

  private List<Condition> conditions(
      String name,
      ConfigObject when,
      Map<String, Parameter> parameters,
      CategoricalParameter algorithm) {
    String key = "tune.space." + name + ".when";
    List<Condition> conditions = new ArrayList<>();
    for (Map.Entry<String, ConfigValue> entry : when.entrySet()) {
      String parentName = entry.getKey();
      Parameter parent =
          parentName.equals(SearchSpace.ALGORITHM) ? algorithm : parameters.get(parentName);
      if (parent == null || parentName.equals(name)) {
        List<String> allowed = new ArrayList<>(List.of(SearchSpace.ALGORITHM));
        parameters.values().stream()
            .filter(p -> p instanceof CategoricalParameter && !p.name().equals(name))
            .forEach(p -> allowed.add(p.name()));
        problems.add(
            key
                + "."
                + parentName
                + ": not a parameter to depend on (allowed: "
                + String.join(", ", allowed)
                + ")");
        continue;
      }
      if (!(parent instanceof CategoricalParameter categorical)) {
        problems.add(
            key
                + "."
                + parentName
                + ": conditions may only name categorical "
                + "parameters or algorithm; "
                + parentName
                + " is not categorical");
        continue;
      }
      List<ConfigValue> items = new ArrayList<>();
      if (entry.getValue().valueType() == ConfigValueType.LIST) {
        items.addAll((ConfigList) entry.getValue());
      } else {
        items.add(entry.getValue());
      }
      List<Object> values = new ArrayList<>();
      for (ConfigValue item : items) {
        Object value = scalar(item);
        Object match = value == null ? null : matchingChoice(categorical, value);
        if (match == null) {
          problems.add(
              key
                  + "."
                  + parentName
                  + ": "
                  + render(item)
                  + " is not a value of "
                  + parentName
                  + " (allowed: "
                  + joined(categorical.choices())
                  + ")");
        } else {
          values.add(match);
        }
      }
      if (items.isEmpty()) {
        problems.add(
            key
                + "."
                + parentName
                + ": expected a value or a non-empty list (allowed: "
                + joined(categorical.choices())
                + ")");
      }
      conditions.add(new Condition(parentName, values));
    }
    return conditions;
  }

  private static Object matchingChoice(CategoricalParameter parameter, Object value) {
    for (Object choice : parameter.choices()) {
      if (String.valueOf(choice).equals(String.valueOf(value))) {
        return choice;
      }
    }
    return null;
  }

  private static Parameter withConditions(Parameter parameter, List<Condition> conditions) {
    if (parameter instanceof FloatParameter p) {
      return new FloatParameter(p.name(), p.low(), p.high(), p.log(), conditions);
    }
    if (parameter instanceof IntParameter p) {
      return new IntParameter(p.name(), p.low(), p.high(), p.step(), p.log(), conditions);
    }
    CategoricalParameter p = (CategoricalParameter) parameter;
    return new CategoricalParameter(p.name(), p.choices(), conditions);
  }

  // ---- scalar readers: each records a problem and returns a default when the value is wrong ----

  private ConfigObject block(ConfigObject parent, String prefix, String key) {
    ConfigValue value = parent.get(key);
    if (value == null) {
      return null;
    }
    if (!isObject(value)) {
      problems.add(prefix + "." + key + ": expected an object { ... }, got " + render(value));
      return null;
    }
    return (ConfigObject) value;
  }

  private String choice(
      ConfigObject block,
      String prefix,
      String key,
      List<String> allowed,
      String defaultValue,
      String noun) {
    ConfigValue value = block.get(key);
    if (value == null) {
      if (defaultValue == null) {
        problems.add(
            prefix + "." + key + ": missing (allowed: " + String.join(", ", allowed) + ")");
      }
      return defaultValue;
    }
    String text = value.valueType() == ConfigValueType.STRING ? (String) value.unwrapped() : null;
    if (text == null || !allowed.contains(text)) {
      problems.add(
          prefix
              + "."
              + key
              + ": unknown "
              + noun
              + " "
              + render(value)
              + " (allowed: "
              + String.join(", ", allowed)
              + ")");
      return null;
    }
    return text;
  }

  private long integer(ConfigObject block, String prefix, String key, long defaultValue, long min) {
    ConfigValue value = block.get(key);
    if (value == null) {
      return defaultValue;
    }
    Long whole = whole(value);
    if (whole == null || whole < min) {
      problems.add(
          prefix + "." + key + ": expected an integer >= " + min + ", got " + render(value));
      return defaultValue;
    }
    return whole;
  }

  private long requiredInteger(ConfigObject block, String prefix, String key, long min) {
    if (block.get(key) == null) {
      problems.add(prefix + "." + key + ": missing; expected an integer >= " + min);
      return min;
    }
    return integer(block, prefix, key, min, min);
  }

  private Long requiredWhole(ConfigObject block, String prefix, String key) {
    ConfigValue value = block.get(key);
    Long whole = value == null ? null : whole(value);
    if (whole == null) {
      problems.add(
          prefix
              + "."
              + key
              + ": expected an integer, got "
              + (value == null ? "nothing" : render(value)));
    }
    return whole;
  }

  private double real(ConfigObject block, String prefix, String key, double defaultValue) {
    ConfigValue value = block.get(key);
    if (value == null) {
      return defaultValue;
    }
    if (value.valueType() != ConfigValueType.NUMBER) {
      problems.add(prefix + "." + key + ": expected a number, got " + render(value));
      return defaultValue;
    }
    return ((Number) value.unwrapped()).doubleValue();
  }

  private Double requiredReal(ConfigObject block, String prefix, String key) {
    ConfigValue value = block.get(key);
    if (value == null || value.valueType() != ConfigValueType.NUMBER) {
      problems.add(
          prefix
              + "."
              + key
              + ": expected a number, got "
              + (value == null ? "nothing" : render(value)));
      return null;
    }
    return ((Number) value.unwrapped()).doubleValue();
  }

  private double probability(ConfigObject block, String prefix, String key, double defaultValue) {
    double value = real(block, prefix, key, defaultValue);
    if (!(value >= 0 && value <= 1)) {
      problems.add(prefix + "." + key + ": must be in [0, 1], got " + value);
      return defaultValue;
    }
    return value;
  }

  private boolean bool(ConfigObject block, String prefix, String key, boolean defaultValue) {
    ConfigValue value = block.get(key);
    if (value == null) {
      return defaultValue;
    }
    if (value.valueType() != ConfigValueType.BOOLEAN) {
      problems.add(prefix + "." + key + ": expected true or false, got " + render(value));
      return defaultValue;
    }
    return (Boolean) value.unwrapped();
  }

  private void unknownKeys(ConfigObject block, String prefix, List<String> allowed) {
    String base = prefix.contains(" (") ? prefix.substring(0, prefix.indexOf(" (")) : prefix;
    String context = prefix.contains(" (") ? prefix.substring(prefix.indexOf(" (")) : "";
    for (String key : block.keySet()) {
      if (!allowed.contains(key)) {
        problems.add(
            base
                + "."
                + key
                + ": unknown key"
                + context
                + " (allowed: "
                + String.join(", ", allowed)
                + ")");
      }
    }
  }

  /** A choice's typed value: integers as Long, other numbers as Double; null for non-scalars. */
  private static Object scalar(ConfigValue value) {
    return switch (value.valueType()) {
      case STRING, BOOLEAN -> value.unwrapped();
      case NUMBER -> {
        Number number = (Number) value.unwrapped();
        yield number instanceof Integer || number instanceof Long
            ? (Object) number.longValue()
            : (Object) number.doubleValue();
      }
      default -> null;
    };
  }

  private static Long whole(ConfigValue value) {
    if (value.valueType() != ConfigValueType.NUMBER) {
      return null;
    }
    Number number = (Number) value.unwrapped();
    double real = number.doubleValue();
    if (number instanceof Integer || number instanceof Long) {
      return number.longValue();
    }
    return real == Math.rint(real) && Math.abs(real) < 1e15 ? (long) real : null;
  }

  private static boolean isObject(ConfigValue value) {
    return value.valueType() == ConfigValueType.OBJECT;
  }

  private static String render(ConfigValue value) {
    return value.render(ConfigRenderOptions.concise());
  }

  private static String joined(List<Object> values) {
    return String.join(", ", values.stream().map(String::valueOf).toList());
  }
}
