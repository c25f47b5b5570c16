package dev.diffsweep.trainer.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real disk that fills up, for the tests of what a full disk does: a tmpfs of a few KiB mounted
 * on a fresh folder before each test and unmounted after it. Only a process allowed to mount can
 * make one (root with CAP_SYS_ADMIN, as on the CI machines); elsewhere the test is skipped and says
 * why. Register it with {@code @RegisterExtension}.
 */
public final class SmallDisk implements BeforeEachCallback, AfterEachCallback {
  private final int sizeKiB;
  private Path folder;
  private boolean mounted;

  public SmallDisk(int sizeKiB) {
    this.sizeKiB = sizeKiB;
  }

  /** The folder the disk is mounted on. */
  public Path folder() {
    return folder;
  }

  /**
   * Makes the mounted disk {@code size} (mount's notation, e.g. {@code 64m}) large; the exit code.
   */
  public int growTo(String size) throws IOException, InterruptedException {
    return command("mount", "-o", "remount,size=" + size, folder.toString());
  }

  @Override
  public void beforeEach(ExtensionContext context) throws Exception {
    folder = Files.createTempDirectory("small-disk");
    int exit =
        command("mount", "-t", "tmpfs", "-o", "size=" + sizeKiB + "k", "tmpfs", folder.toString());
    assumeTrue(
        exit == 0, "cannot mount a " + sizeKiB + " KiB tmpfs here (needs root with CAP_SYS_ADMIN)");
    mounted = true;
  }

  @Override
  public void afterEach(ExtensionContext context) throws Exception {
    if (mounted) {
      unmount();
      mounted = false;
    }
    // Empty once unmounted (or never mounted); a disk still mounted fails here, not silently.
    Files.delete(folder);
  }

  /**
   * A process the test started (a trainer JVM on its way out) can keep the disk busy for a moment
   * after the test's last assertion: retry for up to ten seconds, then detach it lazily so that no
   * mount outlives the test.
   */
  private void unmount() throws IOException, InterruptedException {
    for (int attempt = 0; attempt < 20; attempt++) {
      if (command("umount", folder.toString()) == 0) {
        return;
      }
      Thread.sleep(500);
    }
    command("umount", "--lazy", folder.toString());
  }

  private static int command(String... command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    process.getInputStream().readAllBytes();
    return process.waitFor();
  }
}
