package dev.diffsweep.trainer.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class HostCpuTest {
  @Test
  void namesTheFirstProcessorsModelAndWidestVectorExtension() {
    List<String> cpuInfo =
        List.of(
            "processor\t: 0",
            "model name\t: AMD EPYC 9654 96-Core Processor",
            "flags\t\t: fpu sse sse2 avx avx2 fma avx512f avx512dq",
            "",
            "processor\t: 1",
            "model name\t: something else",
            "flags\t\t: fpu sse");

    assertThat(HostCpu.describe(cpuInfo)).isEqualTo("AMD EPYC 9654 96-Core Processor, avx512f");
  }

  @Test
  void saysAvx2WithoutAvx512AndUnknownWithoutAModel() {
    assertThat(HostCpu.describe(List.of("model name : Xeon", "flags : sse avx avx2")))
        .isEqualTo("Xeon, avx2");
    assertThat(HostCpu.describe(List.of("flags : sse2"))).isEqualTo("unknown model, sse");
  }

  @Test
  void describesThisMachine() {
    assertThat(HostCpu.describe()).matches(".+, (avx512f|avx2|avx|sse)");
  }
}
