package dev.diffsweep.trainer.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The CPU a run trained on, as run.json records it: its model name and the widest vector extension
 * it has. libtorch's MKL picks its kernels by the CPU, and its strict reproducibility
 * (bin/diffsweep sets MKL_CBWR) holds on one kind of CPU only: the same command on two kinds of
 * machine can train slightly different networks (docs/EXPERIMENTS.md, 2026-12-05 evening).
 * Recording it says which runs should agree to the last digit.
 */
final class HostCpu {
  private static final Path CPU_INFO = Path.of("/proc/cpuinfo");

  /** Read once: run.json is rewritten at every checkpoint, and the CPU does not change. */
  private static final String THIS_MACHINE = read();

  private HostCpu() {}

  /** For example "AMD EPYC, avx512f"; "unknown" where /proc/cpuinfo cannot be read. */
  static String describe() {
    return THIS_MACHINE;
  }

  private static String read() {
    try {
      return describe(Files.readAllLines(CPU_INFO));
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  /** The description of one /proc/cpuinfo text (its first processor's entries). */
  static String describe(List<String> cpuInfo) {
    String model = field(cpuInfo, "model name").orElse("unknown model");
    Set<String> flags = Set.of(field(cpuInfo, "flags").orElse("").split("\\s+"));
    String widest =
        flags.contains("avx512f")
            ? "avx512f"
            : flags.contains("avx2") ? "avx2" : flags.contains("avx") ? "avx" : "sse";
    return model + ", " + widest;
  }

  private static Optional<String> field(List<String> cpuInfo, String name) {
    for (String line : cpuInfo) {
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).trim().equals(name)) {
        return Optional.of(line.substring(colon + 1).trim());
      }
    }
    return Optional.empty();
  }
}
