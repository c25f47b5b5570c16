package dev.diffsweep.analysis.hocon;

import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads HOCON values key by key and collects every problem instead of stopping at the first, each
 * naming its key and what is allowed. The study loader, the tune block parser (pipeline) and the
 * recorded tune settings (analysis) read with it, so one file speaks one way about what is wrong.
 * It lives in the analysis because the pipeline depends on the analysis and not the other way
 * round, and the contract module may use nothing but the JDK.
 *
 * <p>The typed readers take one key of an object: an absent key gives the default, a wrong value
 * records a problem and gives the default too, so reading goes on and reports the rest.
 */
public final class HoconReader {
  private final List<String> problems = new ArrayList<>();

  /** Every problem so far, in the order found. */
  public List<String> problems() {
    return List.copyOf(problems);
  }

  public boolean hasProblems() {
    return !problems.isEmpty();
  }

  /** How many problems so far: a reader compares it before and after a step to see if it failed. */
  public int problemCount() {
    return problems.size();
  }

  /** A problem already worded as "key: what is wrong". */
  public void add(String problem) {
    problems.add(problem);
  }

  public void addAll(Collection<String> more) {
    problems.addAll(more);
  }

  /** "key: missing". */
  public void missing(String key) {
    problems.add(key + ": missing");
  }

  /** "key: expected WHAT, got VALUE" ({@code got nothing} for an absent value). */
  public void wrong(String key, String expected, ConfigValue value) {
    problems.add(
        key + ": expected " + expected + ", got " + (value == null ? "nothing" : render(value)));
  }

  /** "key: WHAT (allowed: a, b, c)". */
  public void notAllowed(String key, String what, List<String> allowed) {
    problems.add(key + ": " + what + " (allowed: " + String.join(", ", allowed) + ")");
  }

  /** A problem for each key of {@code block} not in {@code allowed}. */
  public void unknownKeys(ConfigObject block, String prefix, List<String> allowed) {
    unknownKeys(block, prefix, "", allowed);
  }

  /**
   * The {@code type} of a block whose allowed keys depend on it (a sampler, a pruner, a parameter),
   * with a problem for each key not allowed for that type; null when the type is unknown, or
   * missing and {@code defaultType} is null.
   *
   * @param keysOfType the keys each of {@code types} allows
   * @param noun what the type is, for the message: "unknown NOUN VALUE (allowed: ...)"
   */
  public String typeOf(
      ConfigObject block,
      String prefix,
      List<String> types,
      Map<String, List<String>> keysOfType,
      String defaultType,
      String noun) {
    String type = choice(block, prefix, "type", types, defaultType, noun);
    if (type != null) {
      unknownKeys(block, prefix, " (type " + type + ")", keysOfType.get(type));
    }
    return type;
  }

  private void unknownKeys(
      ConfigObject block, String prefix, String context, List<String> allowed) {
    for (String key : block.keySet()) {
      if (!allowed.contains(key)) {
        notAllowed(prefix + "." + key, "unknown key" + context, allowed);
      }
    }
  }

  /** The object under {@code key}, or null when it is absent or not an object. */
  public ConfigObject object(ConfigObject parent, String prefix, String key) {
    ConfigValue value = parent.get(key);
    if (value == null) {
      return null;
    }
    if (!isObject(value)) {
      wrong(prefix + "." + key, "an object { ... }", value);
      return null;
    }
    return (ConfigObject) value;
  }

  /**
   * One of {@code allowed}; {@code defaultValue} when absent (a problem when that is null), null
   * for any other value.
   *
   * @param noun what the value is, for the message: "unknown NOUN VALUE (allowed: ...)"
   */
  public String choice(
      ConfigObject block,
      String prefix,
      String key,
      List<String> allowed,
      String defaultValue,
      String noun) {
    ConfigValue value = block.get(key);
    if (value == null) {
      if (defaultValue == null) {
        notAllowed(prefix + "." + key, "missing", allowed);
      }
      return defaultValue;
    }
    String text = text(value);
    if (text == null || !allowed.contains(text)) {
      notAllowed(prefix + "." + key, "unknown " + noun + " " + render(value), allowed);
      return null;
    }
    return text;
  }

  /** A string. */
  public String string(ConfigObject block, String prefix, String key, String defaultValue) {
    return optional(block, prefix, key, defaultValue, "a string", HoconReader::text);
  }

  /** A whole number of at least {@code min}. */
  public long integer(ConfigObject block, String prefix, String key, long defaultValue, long min) {
    return optional(
        block,
        prefix,
        key,
        defaultValue,
        "an integer >= " + min,
        value -> {
          Long whole = whole(value);
          return whole != null && whole >= min ? whole : null;
        });
  }

  /** A whole number of at least {@code min} that must be given; {@code min} when it is not. */
  public long requiredInteger(ConfigObject block, String prefix, String key, long min) {
    if (block.get(key) == null) {
      problems.add(prefix + "." + key + ": missing; expected an integer >= " + min);
      return min;
    }
    return integer(block, prefix, key, min, min);
  }

  /** A whole number that must be given; null (and a problem) when it is absent or not whole. */
  public Long requiredWhole(ConfigObject block, String prefix, String key) {
    return required(block, prefix, key, "an integer", HoconReader::whole);
  }

  /** A number. */
  public double real(ConfigObject block, String prefix, String key, double defaultValue) {
    return optional(block, prefix, key, defaultValue, "a number", HoconReader::number);
  }

  /** A number in [0, 1]. */
  public double probability(ConfigObject block, String prefix, String key, double defaultValue) {
    double value = real(block, prefix, key, defaultValue);
    if (!(value >= 0 && value <= 1)) {
      problems.add(prefix + "." + key + ": must be in [0, 1], got " + value);
      return defaultValue;
    }
    return value;
  }

  /** A number that must be given; null (and a problem) when it is absent or not a number. */
  public Double requiredReal(ConfigObject block, String prefix, String key) {
    return required(block, prefix, key, "a number", HoconReader::number);
  }

  /** true or false. */
  public boolean bool(ConfigObject block, String prefix, String key, boolean defaultValue) {
    return optional(block, prefix, key, defaultValue, "true or false", HoconReader::truth);
  }

  /**
   * The typed value of an optional key: {@code defaultValue} when it is absent, and a problem and
   * {@code defaultValue} when {@code typed} finds no value of the type in it (returns null).
   */
  private <T> T optional(
      ConfigObject block,
      String prefix,
      String key,
      T defaultValue,
      String expected,
      Function<ConfigValue, T> typed) {
    ConfigValue value = block.get(key);
    if (value == null) {
      return defaultValue;
    }
    T result = typed.apply(value);
    if (result == null) {
      wrong(prefix + "." + key, expected, value);
      return defaultValue;
    }
    return result;
  }

  /** The typed value of a key that must be given; null and a problem when it is absent or wrong. */
  private <T> T required(
      ConfigObject block,
      String prefix,
      String key,
      String expected,
      Function<ConfigValue, T> typed) {
    if (block.get(key) == null) {
      wrong(prefix + "." + key, expected, null);
      return null;
    }
    return optional(block, prefix, key, null, expected, typed);
  }

  private static String text(ConfigValue value) {
    return value.valueType() == ConfigValueType.STRING ? (String) value.unwrapped() : null;
  }

  private static Double number(ConfigValue value) {
    return value.valueType() == ConfigValueType.NUMBER
        ? ((Number) value.unwrapped()).doubleValue()
        : null;
  }

  private static Boolean truth(ConfigValue value) {
    return value.valueType() == ConfigValueType.BOOLEAN ? (Boolean) value.unwrapped() : null;
  }

  /**
   * The value of a whole number however the file wrote it (3, 3.0, 3e0); null for a fraction, a
   * number too large to be exact, or a value that is no number.
   */
  public static Long whole(ConfigValue value) {
    if (value.valueType() != ConfigValueType.NUMBER) {
      return null;
    }
    Number number = (Number) value.unwrapped();
    if (number instanceof Integer || number instanceof Long) {
      return number.longValue();
    }
    double real = number.doubleValue();
    return real == Math.rint(real) && Math.abs(real) < 1e15 ? (long) real : null;
  }

  public static boolean isObject(ConfigValue value) {
    return value.valueType() == ConfigValueType.OBJECT;
  }

  /** A value as the file would write it, on one line, for messages. */
  public static String render(ConfigValue value) {
    return value.render(ConfigRenderOptions.concise());
  }
}
