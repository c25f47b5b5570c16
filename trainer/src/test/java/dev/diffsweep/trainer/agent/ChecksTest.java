package dev.diffsweep.trainer.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.diffsweep.trainer.agent.offpolicy.OffPolicySettings;
import dev.diffsweep.trainer.agent.registry.AlgorithmRegistry;
import dev.diffsweep.trainer.agent.wpo.WpoActorSettings;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChecksTest {

  record Ranged(
      @Positive int count,
      @NonNegative double weight,
      @InRange(min = 0, max = 1) double fraction,
      boolean flag) {
    Ranged {
      Checks.components(Ranged.class, count, weight, fraction, flag);
    }
  }

  record Miscounted(@Positive int count, int other) {
    Miscounted {
      Checks.components(Miscounted.class, count);
    }
  }

  record Misordered(@Positive int count, boolean flag) {
    Misordered {
      Checks.components(Misordered.class, flag, count);
    }
  }

  record RangeOnAFlag(@Positive boolean flag) {
    RangeOnAFlag {
      Checks.components(RangeOnAFlag.class, flag);
    }
  }

  @Test
  void aValueOutOfItsRangeIsRefusedWithItsKeyAndTheRange() {
    assertThatThrownBy(() -> new Ranged(0, 0, 0, true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("count must be > 0, got 0.0");
    assertThatThrownBy(() -> new Ranged(1, -0.5, 0, true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("weight must be >= 0, got -0.5");
    assertThatThrownBy(() -> new Ranged(1, 0, 1.5, true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("fraction must be in [0.0, 1.0], got 1.5");
    assertThatThrownBy(() -> new Ranged(1, 0, Double.NaN, true))
        .hasMessage("fraction must be in [0.0, 1.0], got NaN");
    assertThat(new Ranged(1, 0, 1, false).fraction()).isEqualTo(1);
  }

  @Test
  void theFirstValueOutOfRangeInTheRecordsOrderIsTheOneNamed() {
    assertThatThrownBy(() -> new Ranged(0, -1, 2, true)).hasMessage("count must be > 0, got 0.0");
  }

  @Test
  void aSettingsRecordConstructedInCodeIsCheckedAsABoundOneIs() {
    assertThatThrownBy(() -> new WpoActorSettings(false, -1, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("kl_bound must be >= 0, got -1.0");
    assertThatThrownBy(
            () -> new OffPolicySettings(1000, 0.99, 0.005, 0, 0, 3e-4, 1e-3, 2, 1, 0.2, true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("batch_size must be > 0, got 0.0");
    assertThatThrownBy(() -> AlgorithmRegistry.get("sac").configure(Map.of("batch_size", "0")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("batch_size must be > 0, got 0.0");
    assertThatThrownBy(() -> AlgorithmRegistry.get("ppo").configure(Map.of("gae_lambda", "1.5")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("gae_lambda must be in [0.0, 1.0], got 1.5");
    assertThatThrownBy(
            () -> AlgorithmRegistry.get("diffsac").configure(Map.of("learning_starts", "-1")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("learning_starts must be >= 0, got -1.0");
  }

  @Test
  void aConstructorThatDoesNotPassItsComponentsInOrderIsAnError() {
    assertThatThrownBy(() -> new Miscounted(1, 2))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("Miscounted has 2 components, its constructor checks 1");
    assertThatThrownBy(() -> new Misordered(1, true))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("Misordered checks true as count, a java.lang.Integer");
    assertThatThrownBy(() -> new RangeOnAFlag(true))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("RangeOnAFlag.flag takes one range, and only on a number");
  }

  /**
   * Each range written beside a component of an algorithm's settings is enforced by that record's
   * constructor at that component: a constructor that passed two components of one type in the
   * wrong order, or forgot the check, would name another key or none.
   */
  @Test
  void everyRangeOfEveryAlgorithmIsCheckedAtItsOwnComponent() throws ReflectiveOperationException {
    Map<Class<?>, Record> records = new LinkedHashMap<>();
    for (String name : AlgorithmRegistry.names()) {
      collect(AlgorithmRegistry.get(name).defaults(), records);
    }
    int checked = 0;
    for (Record record : records.values()) {
      RecordComponent[] components = record.getClass().getRecordComponents();
      for (int i = 0; i < components.length; i++) {
        Object outOfRange = outOfRange(components[i]);
        if (outOfRange == null) {
          continue;
        }
        Object[] values = values(record);
        values[i] = outOfRange;
        String key = Hyperparameters.snakeCase(components[i].getName());
        assertThat(constructionError(record.getClass(), values))
            .as("%s.%s", record.getClass().getSimpleName(), components[i].getName())
            .startsWith(key + " must be ");
        checked++;
      }
    }
    assertThat(checked).isEqualTo(32);
  }

  private static void collect(Record record, Map<Class<?>, Record> records) {
    records.putIfAbsent(record.getClass(), record);
    for (Object value : values(record)) {
      if (value instanceof Record nested) {
        collect(nested, records);
      }
    }
  }

  private static Object[] values(Record record) {
    List<Object> values = new ArrayList<>();
    for (RecordComponent component : record.getClass().getRecordComponents()) {
      try {
        values.add(component.getAccessor().invoke(record));
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    }
    return values.toArray();
  }

  /** A value outside the component's range, or null where it has none. */
  private static Object outOfRange(RecordComponent component) {
    double value;
    if (component.isAnnotationPresent(Positive.class)) {
      value = 0;
    } else if (component.isAnnotationPresent(NonNegative.class)) {
      value = -1;
    } else if (component.isAnnotationPresent(InRange.class)) {
      value = component.getAnnotation(InRange.class).max() + 1;
    } else {
      return null;
    }
    return component.getType() == int.class ? (Object) (int) value : (Object) value;
  }

  private static String constructionError(Class<?> type, Object[] values)
      throws ReflectiveOperationException {
    RecordComponent[] components = type.getRecordComponents();
    Class<?>[] types = new Class<?>[components.length];
    for (int i = 0; i < components.length; i++) {
      types[i] = components[i].getType();
    }
    Constructor<?> canonical = type.getDeclaredConstructor(types);
    try {
      canonical.newInstance(values);
      return "no error";
    } catch (InvocationTargetException e) {
      assertThat(e.getCause()).isInstanceOf(IllegalArgumentException.class);
      return e.getCause().getMessage();
    }
  }
}
