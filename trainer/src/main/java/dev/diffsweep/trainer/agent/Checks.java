package dev.diffsweep.trainer.agent;

import java.lang.annotation.Annotation;
import java.lang.invoke.MethodType;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;

/**
 * Hyperparameter range checks that name the key the user typed. A settings record writes each
 * component's range beside it ({@link Positive}, {@link NonNegative}, {@link InRange}) and its
 * compact constructor hands its components to {@link #components}, so a record bound from keys and
 * one constructed in code are refused alike; checks that relate several values stay as code in the
 * constructor.
 */
public final class Checks {
  private static final ClassValue<List<Component>> COMPONENTS =
      new ClassValue<>() {
        @Override
        protected List<Component> computeValue(Class<?> type) {
          List<Component> components = new ArrayList<>();
          for (RecordComponent component : type.getRecordComponents()) {
            components.add(Component.of(type, component));
          }
          return List.copyOf(components);
        }
      };

  private Checks() {}

  /**
   * Checks the range of every annotated component of the record {@code type}, in the record's
   * order: the first value out of its range throws with the component's key.
   *
   * @param values the record's components, every one, in their declared order: the compact
   *     constructor's parameters, as it runs before the record's fields are assigned
   * @throws IllegalArgumentException naming the key of the first value out of its range
   * @throws IllegalStateException where {@code values} are not the record's components by number
   *     and type, or a range is on a component that is not a number
   */
  public static void components(Class<? extends Record> type, Object... values) {
    List<Component> components = COMPONENTS.get(type);
    if (values.length != components.size()) {
      throw new IllegalStateException(
          type.getSimpleName()
              + " has "
              + components.size()
              + " components, its constructor checks "
              + values.length);
    }
    for (int i = 0; i < values.length; i++) {
      components.get(i).check(type, values[i]);
    }
  }

  public static void positive(String key, double value) {
    if (!(value > 0)) {
      throw new IllegalArgumentException(key + " must be > 0, got " + value);
    }
  }

  public static void nonNegative(String key, double value) {
    if (!(value >= 0)) {
      throw new IllegalArgumentException(key + " must be >= 0, got " + value);
    }
  }

  public static void inRange(String key, double value, double low, double high) {
    if (!(value >= low && value <= high)) {
      throw new IllegalArgumentException(
          key + " must be in [" + low + ", " + high + "], got " + value);
    }
  }

  /**
   * A record component's key, its type (a primitive boxed, as the constructor passes it), whether
   * that type is a primitive's, and its range annotation, or null.
   */
  private record Component(String key, Class<?> type, boolean primitive, Annotation range) {
    static Component of(Class<?> record, RecordComponent component) {
      String key = Hyperparameters.snakeCase(component.getName());
      List<Annotation> ranges = new ArrayList<>();
      for (Class<? extends Annotation> kind :
          List.of(Positive.class, NonNegative.class, InRange.class)) {
        Annotation range = component.getAnnotation(kind);
        if (range != null) {
          ranges.add(range);
        }
      }
      Class<?> type = MethodType.methodType(component.getType()).wrap().returnType();
      if (ranges.size() > 1 || !ranges.isEmpty() && !Number.class.isAssignableFrom(type)) {
        throw new IllegalStateException(
            record.getSimpleName() + "." + key + " takes one range, and only on a number");
      }
      return new Component(
          key, type, component.getType().isPrimitive(), ranges.isEmpty() ? null : ranges.get(0));
    }

    void check(Class<?> record, Object value) {
      if (value == null ? primitive : !type.isInstance(value)) {
        throw new IllegalStateException(
            record.getSimpleName() + " checks " + value + " as " + key + ", a " + type.getName());
      }
      if (range instanceof Positive) {
        positive(key, ((Number) value).doubleValue());
      } else if (range instanceof NonNegative) {
        nonNegative(key, ((Number) value).doubleValue());
      } else if (range instanceof InRange bounds) {
        inRange(key, ((Number) value).doubleValue(), bounds.min(), bounds.max());
      }
    }
  }
}
