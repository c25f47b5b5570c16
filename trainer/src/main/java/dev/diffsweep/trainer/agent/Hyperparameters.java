package dev.diffsweep.trainer.agent;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Binds {@code key=value} strings to a hyperparameter record. Keys are the record components in
 * snake_case ({@code learningStarts} is {@code learning_starts}); values are parsed by the
 * component's type. Every error names what is allowed.
 */
public final class Hyperparameters {
  private Hyperparameters() {}

  public static <H extends Record> H bind(
      String algorithm, H defaults, Map<String, String> overrides) {
    RecordComponent[] components = defaults.getClass().getRecordComponents();
    Map<String, RecordComponent> byKey = new LinkedHashMap<>();
    for (RecordComponent component : components) {
      byKey.put(snakeCase(component.getName()), component);
    }
    for (String key : overrides.keySet()) {
      if (!byKey.containsKey(key)) {
        throw new IllegalArgumentException(
            "unknown hyperparameter '"
                + key
                + "' for "
                + algorithm
                + "; allowed: "
                + allowed(defaults));
      }
    }
    Object[] values = new Object[components.length];
    Class<?>[] types = new Class<?>[components.length];
    for (int i = 0; i < components.length; i++) {
      RecordComponent component = components[i];
      String key = snakeCase(component.getName());
      types[i] = component.getType();
      values[i] =
          overrides.containsKey(key)
              ? parse(key, component.getType(), overrides.get(key))
              : read(component, defaults);
    }
    try {
      Constructor<?> constructor = defaults.getClass().getDeclaredConstructor(types);
      @SuppressWarnings("unchecked")
      H bound = (H) constructor.newInstance(values);
      return bound;
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof IllegalArgumentException invalid) {
        throw invalid;
      }
      throw new IllegalStateException(e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Every key with its value as a string, in the record's order. */
  public static Map<String, String> describe(Record hyperparameters) {
    Map<String, String> described = new LinkedHashMap<>();
    for (RecordComponent component : hyperparameters.getClass().getRecordComponents()) {
      described.put(
          snakeCase(component.getName()), String.valueOf(read(component, hyperparameters)));
    }
    return described;
  }

  /** "key (type, default value)" for each key. */
  public static String allowed(Record defaults) {
    return java.util.Arrays.stream(defaults.getClass().getRecordComponents())
        .map(
            c ->
                snakeCase(c.getName())
                    + " ("
                    + c.getType().getSimpleName()
                    + ", default "
                    + read(c, defaults)
                    + ")")
        .collect(Collectors.joining(", "));
  }

  static String snakeCase(String camelCase) {
    StringBuilder snake = new StringBuilder();
    for (char c : camelCase.toCharArray()) {
      if (Character.isUpperCase(c)) {
        snake.append('_').append(Character.toLowerCase(c));
      } else {
        snake.append(c);
      }
    }
    return snake.toString();
  }

  private static Object read(RecordComponent component, Record record) {
    try {
      return component.getAccessor().invoke(record);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Object parse(String key, Class<?> type, String text) {
    String value = text.trim();
    try {
      if (type == int.class) {
        return (int) parseWhole(value, Integer.MIN_VALUE, Integer.MAX_VALUE);
      } else if (type == long.class) {
        return parseWhole(value, Long.MIN_VALUE, Long.MAX_VALUE);
      } else if (type == double.class) {
        double parsed = Double.parseDouble(value);
        if (!Double.isFinite(parsed)) {
          throw new NumberFormatException();
        }
        return parsed;
      } else if (type == boolean.class) {
        if (value.equals("true") || value.equals("false")) {
          return Boolean.parseBoolean(value);
        }
        throw new NumberFormatException();
      } else if (type == String.class) {
        return value;
      }
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "hyperparameter '" + key + "' wants " + describeType(type) + ", got '" + text + "'");
    }
    throw new IllegalStateException("unsupported hyperparameter type " + type);
  }

  /** Integers also accept exact scientific notation (buffer_size=1e6). */
  private static long parseWhole(String value, long min, long max) {
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException notPlain) {
      double parsed = Double.parseDouble(value);
      if (parsed != Math.rint(parsed) || parsed < min || parsed > max) {
        throw new NumberFormatException(value);
      }
      return (long) parsed;
    }
  }

  private static String describeType(Class<?> type) {
    if (type == int.class || type == long.class) {
      return "a whole number";
    } else if (type == double.class) {
      return "a finite number";
    } else if (type == boolean.class) {
      return "true or false";
    }
    return "a string";
  }
}
