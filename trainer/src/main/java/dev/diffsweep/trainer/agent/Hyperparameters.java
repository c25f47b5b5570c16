package dev.diffsweep.trainer.agent;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Binds {@code key=value} strings to a hyperparameter record. A record's components are its keys in
 * snake_case ({@code learningStarts} is {@code learning_starts}); a component that is itself a
 * record (the settings an algorithm shares with its variants) contributes its keys in its place, so
 * a composed record has the same flat keys as a hand-written one. Values are parsed by the
 * component's type; defaults come from {@link Default} beside each component, changed for one
 * algorithm by {@link Defaults} on the nested record. Every error names what is allowed.
 */
public final class Hyperparameters {
  private Hyperparameters() {}

  /** The record of {@code type} with every key at its default. */
  public static <H extends Record> H defaults(Class<H> type) {
    flatKeys(type); // refuses a key that two components would both give
    return defaults(type, Map.of());
  }

  private static <H extends Record> H defaults(Class<H> type, Map<String, String> changed) {
    RecordComponent[] components = type.getRecordComponents();
    Object[] values = new Object[components.length];
    for (int i = 0; i < components.length; i++) {
      RecordComponent component = components[i];
      String key = snakeCase(component.getName());
      if (component.getType().isRecord()) {
        Map<String, String> nested = new LinkedHashMap<>(changed);
        Defaults own = component.getAnnotation(Defaults.class);
        for (String entry : own == null ? new String[0] : own.value()) {
          int equals = entry.indexOf('=');
          String changedKey = entry.substring(0, equals).trim();
          if (!flatKeys(component.getType()).contains(changedKey)) {
            throw new IllegalStateException(
                type.getSimpleName() + "." + component.getName() + " has no key " + changedKey);
          }
          nested.put(changedKey, entry.substring(equals + 1).trim());
        }
        values[i] = defaults(component.getType().asSubclass(Record.class), nested);
      } else {
        Default declared = component.getAnnotation(Default.class);
        if (declared == null && !changed.containsKey(key)) {
          throw new IllegalStateException(type.getSimpleName() + "." + key + " has no @Default");
        }
        String text = changed.containsKey(key) ? changed.get(key) : declared.value();
        values[i] = parse(key, component.getType(), text);
      }
    }
    return construct(type, components, values);
  }

  public static <H extends Record> H bind(
      String algorithm, H defaults, Map<String, String> overrides) {
    Map<String, String> keys = describe(defaults);
    for (String key : overrides.keySet()) {
      if (!keys.containsKey(key)) {
        throw new IllegalArgumentException(
            "unknown hyperparameter '"
                + key
                + "' for "
                + algorithm
                + "; allowed: "
                + allowed(defaults));
      }
    }
    return rebuild(defaults, overrides);
  }

  private static <H extends Record> H rebuild(H defaults, Map<String, String> overrides) {
    RecordComponent[] components = defaults.getClass().getRecordComponents();
    Object[] values = new Object[components.length];
    for (int i = 0; i < components.length; i++) {
      RecordComponent component = components[i];
      String key = snakeCase(component.getName());
      Object value = read(component, defaults);
      if (value instanceof Record nested) {
        values[i] = rebuild(nested, overrides);
      } else {
        values[i] =
            overrides.containsKey(key)
                ? parse(key, component.getType(), overrides.get(key))
                : value;
      }
    }
    @SuppressWarnings("unchecked")
    Class<H> type = (Class<H>) defaults.getClass();
    return construct(type, components, values);
  }

  private static <H extends Record> H construct(
      Class<H> type, RecordComponent[] components, Object[] values) {
    Class<?>[] types = new Class<?>[components.length];
    for (int i = 0; i < components.length; i++) {
      types[i] = components[i].getType();
    }
    try {
      return type.getDeclaredConstructor(types).newInstance(values);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof IllegalArgumentException invalid) {
        throw invalid;
      }
      throw new IllegalStateException(e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Every key with its value as a string, nested records flattened, in the records' order. */
  public static Map<String, String> describe(Record hyperparameters) {
    Map<String, String> described = new LinkedHashMap<>();
    walk(
        hyperparameters,
        (component, value) -> described.put(snakeCase(component.getName()), String.valueOf(value)));
    return described;
  }

  /**
   * The keys marked {@link ImplementationChoice} or {@link EarlierRunsDefault} with their defaults:
   * at its default such a key is not part of what a trial is.
   */
  public static Map<String, String> idNeutralDefaults(Record defaults) {
    Map<String, String> choices = new LinkedHashMap<>();
    walk(
        defaults,
        (component, value) -> {
          if (component.isAnnotationPresent(ImplementationChoice.class)
              || component.isAnnotationPresent(EarlierRunsDefault.class)) {
            choices.put(snakeCase(component.getName()), String.valueOf(value));
          }
        });
    return choices;
  }

  /** "key (type, default value)" for each key. */
  public static String allowed(Record defaults) {
    List<String> keys = new ArrayList<>();
    walk(
        defaults,
        (component, value) ->
            keys.add(
                snakeCase(component.getName())
                    + " ("
                    + component.getType().getSimpleName()
                    + ", default "
                    + value
                    + ")"));
    return String.join(", ", keys);
  }

  /** Calls {@code visit} with each leaf component and its value, depth first. */
  private static void walk(Record record, BiConsumer<RecordComponent, Object> visit) {
    for (RecordComponent component : record.getClass().getRecordComponents()) {
      Object value = read(component, record);
      if (value instanceof Record nested) {
        walk(nested, visit);
      } else {
        visit.accept(component, value);
      }
    }
  }

  private static Set<String> flatKeys(Class<?> type) {
    Set<String> keys = new LinkedHashSet<>();
    for (RecordComponent component : type.getRecordComponents()) {
      Set<String> own =
          component.getType().isRecord()
              ? flatKeys(component.getType())
              : Set.of(snakeCase(component.getName()));
      for (String key : own) {
        if (!keys.add(key)) {
          throw new IllegalStateException("key " + key + " twice in " + type.getSimpleName());
        }
      }
    }
    return keys;
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
