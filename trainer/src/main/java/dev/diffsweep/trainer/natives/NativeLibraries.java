package dev.diffsweep.trainer.natives;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Loads the native libraries the jar carries: libmujoco, its four libraries, our MuJoCo shim and
 * our fused kernels (optimiser, PPO gradients). They are extracted to a per-JVM temporary folder
 * and loaded in dependency order, so a run needs neither LD_LIBRARY_PATH nor a MuJoCo install on
 * the node (only glibc 2.34 or newer).
 */
public final class NativeLibraries {
  private static final String FOLDER = "/native/linux-x86_64/";

  /**
   * The bundled libraries in load order, dependencies first, one per line; written by
   * build-native.sh, which copies them.
   */
  private static final String LOAD_ORDER = "load-order.txt";

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
      for (String library : resource(LOAD_ORDER).lines().toList()) {
        Path file = folder.resolve(library);
        try (InputStream in = open(library)) {
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

  private static String resource(String name) throws IOException {
    try (InputStream in = open(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static InputStream open(String name) {
    InputStream in = NativeLibraries.class.getResourceAsStream(FOLDER + name);
    if (in == null) {
      throw new IllegalStateException(
          "native library file "
              + name
              + " is missing from the classpath; rebuild the trainer module "
              + "(bin/diffsweep rebuilds it) on a machine with libmujoco-dev installed");
    }
    return in;
  }
}
