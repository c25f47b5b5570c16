package dev.diffsweep.analysis.tuning;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ParameterScaleTest {
  @Test
  void categoriesOrderNumbersByValueBeforeText() {
    List<String> ordered =
        Stream.of("128", "relu", "64", "1e-3", "elu")
            .sorted(ParameterScale.CATEGORY_ORDER)
            .toList();

    assertThat(ordered).containsExactly("1e-3", "64", "128", "elu", "relu");
  }
}
