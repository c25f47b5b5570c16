package dev.diffsweep.trainer.natives;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Loads the native libraries the jar carries: libmujoco, its four libraries, our MuJoCo shim and
 * our fused kernels (optimiser, PPO gradients). They are extracted to a per-JVM temporary folder
 * and loaded in dependency order, so a run needs neither LD_LIBRARY_PATH nor a MuJoCo install on
 * the node (only glibc 2.34 or newer).
 */
public final class NativeLibraries {
  private static final String FOLDER = "/native/linux-x86_64/";

  /** Dependencies first: the dynamic linker then finds each by its soname, already loaded. */
  private static final List<String> LOAD_ORDER =
      List.of(
          "libccd.so.2",
          "liblodepng.so.0",
          "libqhull_r.so.8.0",
          "libtinyxml2.so.9",
          "libmujoco.so.2.2.2",
          "libdiffsweep_mujoco.so",
          "libdiffsweep_kernels.so");

  private static boolean loaded;

  private NativeLibraries() {}

  public static synchronized void load() {
    if (loaded) {
      return;
    }
    String platform = System.getProperty("os.name") + "/" + System.getProperty("os.arch");
    if (!platform.equals("Linux/amd64")) {
      throw new IllegalStateException(
          "diffsweep bundles MuJoCo for Linux/amd64 only; this JVM runs on " + platform);
    }
    try {
      Path folder = Files.createTempDirectory("diffsweep-native-");
      folder.toFile().deleteOnExit();
      for (String library : LOAD_ORDER) {
        Path file = folder.resolve(library);
        try (InputStream in = NativeLibraries.class.getResourceAsStream(FOLDER + library)) {
          if (in == null) {
            throw new IllegalStateException(
                "native library "
                    + library
                    + " is missing from the classpath; rebuild the trainer module "
                    + "(bin/diffsweep rebuilds it) on a machine with libmujoco-dev installed");
          }
          Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        }
        file.toFile().deleteOnExit();
        System.load(file.toString());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not extract the bundled native libraries", e);
    }
    loaded = true;
  }
}
