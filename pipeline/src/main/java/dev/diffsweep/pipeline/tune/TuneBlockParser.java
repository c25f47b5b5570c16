package dev.diffsweep.pipeline.tune;

import static dev.diffsweep.analysis.hocon.HoconReader.isObject;
import static dev.diffsweep.analysis.hocon.HoconReader.render;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import dev.diffsweep.analysis.hocon.HoconReader;
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

  private final HoconReader reader = new HoconReader();

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
    reader.unknownKeys(tune, "tune", KEYS);
    String directionText =
        reader.choice(tune, "tune", "direction", DIRECTIONS, "maximize", "direction");
    Direction direction =
        directionText == null ? Direction.MAXIMIZE : Direction.parse(directionText);
    int trials = (int) reader.integer(tune, "tune", "trials", DEFAULT_TRIALS, 1);
    int parallelism = (int) reader.integer(tune, "tune", "parallelism", DEFAULT_PARALLELISM, 1);
    int seedsPerTrial = (int) reader.integer(tune, "tune", "seeds-per-trial", 1, 1);
    long seed = reader.integer(tune, "tune", "seed", 0, 0);
    Objective objective = objective(tune);
    SamplerSpec sampler = sampler(tune);
    PrunerSpec pruner = pruner(tune, trials);
    SearchSpace space = space(tune, algorithms);
    if (reader.hasProblems()) {
      throw new TuneBlockException(reader.problems());
    }
    return new TuneSpec(
        direction, trials, parallelism, seedsPerTrial, seed, objective, sampler, pruner, space);
  }

  private Objective objective(ConfigObject tune) {
    ConfigObject block = blockOrEmpty(tune, "objective");
    reader.unknownKeys(block, "tune.objective", List.of("last-fraction"));
    double fraction =
        reader.real(block, "tune.objective", "last-fraction", Objective.DEFAULT_LAST_FRACTION);
    if (!(fraction > 0 && fraction <= 1)) {
      reader.add("tune.objective.last-fraction: must be in (0, 1], got " + fraction);
      return Objective.standard();
    }
    return new Objective(fraction);
  }

  private SamplerSpec sampler(ConfigObject tune) {
    ConfigObject block = blockOrEmpty(tune, "sampler");
    String prefix = "tune.sampler";
    String type = reader.typeOf(block, prefix, SamplerSpec.TYPES, SAMPLER_KEYS, "tpe", "sampler");
    if (type == null) {
      return new SamplerSpec.Random();
    }
    return switch (type) {
      case "random" -> new SamplerSpec.Random();
      case "grid" ->
          new SamplerSpec.Grid(
              (int) reader.integer(block, prefix, "points", SamplerSpec.Grid.DEFAULT_POINTS, 2));
      case "genetic" -> {
        int population =
            (int) reader.integer(block, prefix, "population", GeneticSampler.DEFAULT_POPULATION, 2);
        int tournament =
            (int)
                reader.integer(
                    block, prefix, "tournament-size", GeneticSampler.DEFAULT_TOURNAMENT_SIZE, 2);
        double crossover =
            reader.probability(block, prefix, "crossover", GeneticSampler.DEFAULT_CROSSOVER);
        double mutation =
            reader.probability(block, prefix, "mutation", GeneticSampler.DEFAULT_MUTATION);
        yield new SamplerSpec.Genetic(population, tournament, crossover, mutation);
      }
      default -> {
        int startup =
            (int)
                reader.integer(
                    block, prefix, "startup-trials", TpeSampler.DEFAULT_STARTUP_TRIALS, 0);
        int candidates =
            (int)
                reader.integer(block, prefix, "ei-candidates", TpeSampler.DEFAULT_EI_CANDIDATES, 1);
        double priorWeight =
            reader.real(block, prefix, "prior-weight", TpeSampler.DEFAULT_PRIOR_WEIGHT);
        if (!(priorWeight > 0)) {
          reader.add(prefix + ".prior-weight: must be > 0, got " + priorWeight);
        }
        boolean liar = reader.bool(block, prefix, "constant-liar", true);
        yield new SamplerSpec.Tpe(startup, candidates, priorWeight, liar);
      }
    };
  }

  private PrunerSpec pruner(ConfigObject tune, int trials) {
    ConfigObject block = blockOrEmpty(tune, "pruner");
    String prefix = "tune.pruner";
    String type = reader.typeOf(block, prefix, PrunerSpec.TYPES, PRUNER_KEYS, "none", "pruner");
    if (type == null) {
      return new PrunerSpec.None();
    }
    return switch (type) {
      case "none" -> new PrunerSpec.None();
      case "median" ->
          new PrunerSpec.Median(
              (int)
                  reader.integer(
                      block, prefix, "startup-trials", MedianPruner.DEFAULT_STARTUP_TRIALS, 0),
              reader.integer(block, prefix, "warmup-steps", 0, 0),
              reader.integer(block, prefix, "interval", 0, 0));
      case "successive-halving" ->
          new PrunerSpec.SuccessiveHalving(
              reader.requiredInteger(block, prefix, "min-budget", 1),
              (int) reader.integer(block, prefix, "eta", SuccessiveHalving.DEFAULT_ETA, 2),
              (int) reader.integer(block, prefix, "trials-per-bracket", trials, 1));
      default ->
          new PrunerSpec.Hyperband(
              reader.requiredInteger(block, prefix, "min-budget", 1),
              (int) reader.integer(block, prefix, "eta", SuccessiveHalving.DEFAULT_ETA, 2));
    };
  }

  /**
   * The optional block tune.KEY (objective, sampler, pruner), or an empty one when it is missing
   * (or not an object: a problem already), so that leaving a block out reads as writing it with
   * every setting at its default: the defaults are stated once, where each setting is read.
   */
  private ConfigObject blockOrEmpty(ConfigObject tune, String key) {
    ConfigObject block = reader.object(tune, "tune", key);
    return block != null ? block : ConfigFactory.empty().root();
  }

  private SearchSpace space(ConfigObject tune, List<String> algorithms) {
    ConfigObject block = reader.object(tune, "tune", "space");
    if (block == null || block.isEmpty()) {
      reader.add(
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
        reader.add(key + ": 'algorithm' is reserved; the study's algorithms list sets it");
        continue;
      }
      if (!isObject(entry.getValue())) {
        reader.wrong(key, "{ type = float|int|categorical, ... }", entry.getValue());
        continue;
      }
      ConfigObject spec = (ConfigObject) entry.getValue();
      Parameter parameter = parameter(name, key, spec);
      if (parameter != null) {
        parameters.put(name, parameter);
        ConfigObject when = reader.object(spec, key, "when");
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
    if (reader.hasProblems()) {
      return null;
    }
    try {
      return SearchSpace.of(algorithms, withConditions);
    } catch (IllegalArgumentException e) {
      reader.add("tune.space: " + e.getMessage());
      return null;
    }
  }

  private Parameter parameter(String name, String key, ConfigObject spec) {
    String type = reader.typeOf(spec, key, PARAMETER_TYPES, PARAMETER_KEYS, null, "parameter type");
    if (type == null) {
      return null;
    }
    int before = reader.problemCount();
    try {
      switch (type) {
        case "float" -> {
          Double low = reader.requiredReal(spec, key, "low");
          Double high = reader.requiredReal(spec, key, "high");
          boolean log = reader.bool(spec, key, "log", false);
          if (low == null || high == null) {
            return null;
          }
          if (!(low < high)) {
            reader.add(key + ".low: must be < high (got low = " + low + ", high = " + high + ")");
          } else if (log && low <= 0) {
            reader.add(key + ".low: must be > 0 when log = true (got " + low + ")");
          }
          return reader.problemCount() > before
              ? null
              : new FloatParameter(name, low, high, log, List.of());
        }
        case "int" -> {
          Long low = reader.requiredWhole(spec, key, "low");
          Long high = reader.requiredWhole(spec, key, "high");
          long step = reader.integer(spec, key, "step", 1, 1);
          boolean log = reader.bool(spec, key, "log", false);
          if (low == null || high == null) {
            return null;
          }
          if (low > high) {
            reader.add(key + ".low: must be <= high (got low = " + low + ", high = " + high + ")");
          } else if (log && low < 1) {
            reader.add(key + ".low: must be >= 1 when log = true (got " + low + ")");
          } else if (log && step != 1) {
            reader.add(key + ".step: must be 1 when log = true (got " + step + ")");
          }
          return reader.problemCount() > before
              ? null
              : new IntParameter(name, low, high, step, log, List.of());
        }
        default -> {
          List<Object> choices = choices(spec, key);
          return choices == null ? null : new CategoricalParameter(name, choices, List.of());
        }
      }
    } catch (IllegalArgumentException e) {
      reader.add(key + ": " + e.getMessage());
      return null;
    }
  }

  private List<Object> choices(ConfigObject spec, String key) {
    ConfigValue value = spec.get("choices");
    String expected = "a non-empty list of distinct numbers, strings or booleans";
    if (value == null) {
      reader.add(key + ".choices: missing; expected " + expected);
      return null;
    }
    if (value.valueType() != ConfigValueType.LIST || ((ConfigList) value).isEmpty()) {
      reader.wrong(key + ".choices", expected, value);
      return null;
    }
    List<Object> choices = new ArrayList<>();
    List<String> texts = new ArrayList<>();
    for (ConfigValue item : (ConfigList) value) {
      Object choice = scalar(item);
      if (choice == null) {
        reader.wrong(key + ".choices", expected, value);
        return null;
      }
      if (texts.contains(String.valueOf(choice))) {
        reader.add(key + ".choices: '" + choice + "' is listed twice");
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
        reader.add(
            key
                + "."
                + parentName
                + ": not a parameter to depend on (allowed: "
                + String.join(", ", allowed)
                + ")");
        continue;
      }
      if (!(parent instanceof CategoricalParameter categorical)) {
        reader.add(
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
          reader.add(
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
        reader.add(
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

  private static String joined(List<Object> values) {
    return String.join(", ", values.stream().map(String::valueOf).toList());
  }
}
