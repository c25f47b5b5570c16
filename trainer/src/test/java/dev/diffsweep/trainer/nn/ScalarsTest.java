package dev.diffsweep.trainer.nn;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ScalarsTest {
  private static final int ROUNDS = 40;

  /**
   * Runs y = sum(op(x)) forward, then a garbage collection and a burst of fresh direct buffers full
   * of 1e30, then the backward pass: the gradient must not see any of it. With DJL's own {@code
   * x.mul(3f)} in place of {@link Scalars#multiply}, nearly every round's gradient is wrong.
   */
  private static List<float[]> gradientsAfterGarbageCollection(UnaryOperator<NDArray> op)
      throws InterruptedException {
    TorchRuntime.engine();
    GradientTape.stopRecordingOnThisThread();
    List<float[]> gradients = new ArrayList<>();
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray x = manager.create(new float[] {1, 2, 3, 4}, new Shape(4));
      x.setRequiresGradient(true);
      for (int round = 0; round < ROUNDS; round++) {
        try (GradientTape tape = GradientTape.open()) {
          NDArray y = op.apply(x).sum();
          overwriteFreedMemory();
          tape.backward(y);
        }
        try (NDArray gradient = x.getGradient()) {
          gradients.add(gradient.toFloatArray());
          gradient.subi(gradient);
        }
      }
    }
    return gradients;
  }

  private static void overwriteFreedMemory() throws InterruptedException {
    System.gc();
    Thread.sleep(2);
    List<ByteBuffer> junk = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      junk.add(ByteBuffer.allocateDirect(4).putFloat(0, 1e30f));
    }
    assertThat(junk).hasSize(2000);
  }

  @Test
  void multiplyKeepsItsFactorAliveUntilTheBackwardPass() throws InterruptedException {
    assertThat(gradientsAfterGarbageCollection(x -> Scalars.multiply(x, 3)))
        .allSatisfy(g -> assertThat(g).containsExactly(3, 3, 3, 3));
  }

  @Test
  void divideKeepsItsDivisorAliveUntilTheBackwardPass() throws InterruptedException {
    assertThat(gradientsAfterGarbageCollection(x -> Scalars.divide(x, 4)))
        .allSatisfy(g -> assertThat(g).containsExactly(0.25f, 0.25f, 0.25f, 0.25f));
  }

  @Test
  void powerKeepsItsExponentAliveUntilTheBackwardPass() throws InterruptedException {
    // d/dx x^2 = 2x.
    assertThat(gradientsAfterGarbageCollection(x -> Scalars.power(x, 2)))
        .allSatisfy(g -> assertThat(g).containsExactly(2, 4, 6, 8));
  }

  @Test
  void doublePrecisionArraysGetADoublePrecisionScalar() {
    TorchRuntime.engine();
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray x = manager.create(new double[] {1.0});
      NDArray scaled = Scalars.multiply(x, 0.1);
      assertThat(scaled.getDataType()).isEqualTo(x.getDataType());
      assertThat(scaled.toDoubleArray()).containsExactly(0.1);
    }
  }

  /**
   * DJL's Number overloads of mul, div and pow are the unsafe ones (add and sub are safe: their
   * gradients never read the number). Disassembles every compiled class of this module and fails on
   * any call to them, so new code cannot bring the bug back.
   */
  @Test
  void noCompiledClassUsesDjlsUnsafeNumberOperands() throws Exception {
    Pattern unsafeCall =
        Pattern.compile(
            "ai/djl/ndarray/NDArray\\.(mul|div|pow|maximum|minimum|rdiv|rpow):\\(Ljava/lang/Number;");
    List<String> offenders = new ArrayList<>();
    for (Class<?> anchor : List.of(Scalars.class, ScalarsTest.class)) {
      Path folder = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
      List<String> classFiles;
      try (Stream<Path> files = Files.walk(folder)) {
        classFiles =
            files.map(Path::toString).filter(name -> name.endsWith(".class")).sorted().toList();
      }
      StringWriter listing = new StringWriter();
      List<String> arguments = new ArrayList<>(List.of("-c", "-p"));
      arguments.addAll(classFiles);
      int exit =
          ToolProvider.findFirst("javap")
              .orElseThrow()
              .run(
                  new PrintWriter(listing),
                  new PrintWriter(new StringWriter()),
                  arguments.toArray(String[]::new));
      assertThat(exit).isZero();
      Pattern declaration = Pattern.compile("^[a-z ]*(?:class|interface) (\\S+)");
      String currentClass = "?";
      for (String line : listing.toString().split("\n")) {
        Matcher declared = declaration.matcher(line);
        if (declared.find()) {
          currentClass = declared.group(1);
        }
        Matcher matcher = unsafeCall.matcher(line);
        if (matcher.find()) {
          offenders.add(currentClass + ": " + matcher.group(1) + "(Number)");
        }
      }
    }
    assertThat(offenders).as("use Scalars instead of these calls").isEmpty();
  }
}
