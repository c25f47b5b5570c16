package dev.diffsweep.trainer.nn;

import ai.djl.Device;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses {@code cpu}, {@code gpu} or {@code gpu:N} and checks that torch can use that device. */
public final class ComputeDevice {
  private static final Pattern GPU = Pattern.compile("gpu(?::(\\d+))?");

  private ComputeDevice() {}

  /**
   * The device named by {@code spec}.
   *
   * @throws IllegalArgumentException for a malformed name or a GPU torch cannot see: a run must
   *     never fall back to the CPU silently
   */
  public static Device select(String spec) {
    if (spec.equals("cpu")) {
      return Device.cpu();
    }
    Matcher matcher = GPU.matcher(spec);
    if (!matcher.matches()) {
      throw new IllegalArgumentException(
          "unknown device '" + spec + "'; allowed: cpu, gpu, gpu:N (N = 0, 1, ...)");
    }
    int index = matcher.group(1) == null ? 0 : Integer.parseInt(matcher.group(1));
    int visible = TorchRuntime.engine().getGpuCount();
    if (index >= visible) {
      throw new IllegalArgumentException(
          "device '"
              + spec
              + "' is not usable: torch "
              + TorchRuntime.torchVersion()
              + " sees "
              + visible
              + " GPU(s)"
              + (visible == 0
                  ? " (the bundled libtorch is the CPU build; point PYTORCH_LIBRARY_PATH and"
                      + " PYTORCH_FLAVOR at a CUDA libtorch 2.7.1 to train on a GPU)"
                  : ""));
    }
    return Device.gpu(index);
  }
}
