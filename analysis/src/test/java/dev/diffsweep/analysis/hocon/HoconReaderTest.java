package dev.diffsweep.analysis.hocon;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValueFactory;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The reader's own wording; the study loader's and tune block parser's tests pin the messages a
 * user sees in context.
 */
class HoconReaderTest {
  private static ConfigObject block(String text) {
    return ConfigFactory.parseString(text).root();
  }

  @Test
  void anAbsentOptionalKeyGivesItsDefaultAndAWrongOneAProblemAndTheDefault() {
    HoconReader reader = new HoconReader();
    ConfigObject block = block("n = 2.5, flag = yes, name = 3");

    assertThat(reader.integer(block, "b", "absent", 7, 0)).isEqualTo(7);
    assertThat(reader.integer(block, "b", "n", 7, 0)).isEqualTo(7);
    assertThat(reader.bool(block, "b", "flag", true)).isTrue();
    assertThat(reader.string(block, "b", "name", "x")).isEqualTo("x");
    assertThat(reader.real(block, "b", "n", 0)).isEqualTo(2.5);

    assertThat(reader.problems())
        .containsExactly(
            "b.n: expected an integer >= 0, got 2.5",
            "b.flag: expected true or false, got \"yes\"",
            "b.name: expected a string, got 3");
  }

  @Test
  void aRequiredKeyThatIsAbsentOrWrongIsNullAndAProblem() {
    HoconReader reader = new HoconReader();
    ConfigObject block = block("low = one, high = 3.0");

    assertThat(reader.requiredReal(block, "p", "low")).isNull();
    assertThat(reader.requiredWhole(block, "p", "absent")).isNull();
    assertThat(reader.requiredWhole(block, "p", "high")).isEqualTo(3L);

    assertThat(reader.problems())
        .containsExactly(
            "p.low: expected a number, got \"one\"", "p.absent: expected an integer, got nothing");
  }

  @Test
  void aBlocksTypeDecidesWhichKeysItAllows() {
    HoconReader reader = new HoconReader();
    List<String> types = List.of("a", "b");
    Map<String, List<String>> keys = Map.of("a", List.of("type", "x"), "b", List.of("type"));

    assertThat(reader.typeOf(block("type = a, x = 1"), "t", types, keys, null, "kind"))
        .isEqualTo("a");
    assertThat(reader.typeOf(block("type = b, x = 1"), "t", types, keys, null, "kind"))
        .isEqualTo("b");
    assertThat(reader.typeOf(block("type = c"), "t", types, keys, null, "kind")).isNull();
    assertThat(reader.typeOf(block("x = 1"), "t", types, keys, "a", "kind")).isEqualTo("a");

    assertThat(reader.problems())
        .containsExactly(
            "t.x: unknown key (type b) (allowed: type)",
            "t.type: unknown kind \"c\" (allowed: a, b)");
  }

  @Test
  void wholeNumbersAreWholeHoweverTheyAreWritten() {
    assertThat(HoconReader.whole(ConfigValueFactory.fromAnyRef(3))).isEqualTo(3L);
    assertThat(HoconReader.whole(ConfigValueFactory.fromAnyRef(3e0))).isEqualTo(3L);
    assertThat(HoconReader.whole(ConfigValueFactory.fromAnyRef(3.5))).isNull();
    assertThat(HoconReader.whole(ConfigValueFactory.fromAnyRef(1e30))).isNull();
    assertThat(HoconReader.whole(ConfigValueFactory.fromAnyRef("3"))).isNull();
  }
}
