package dev.diffsweep.pipeline.trial;

import dev.diffsweep.contract.AlgorithmCatalogue;
import dev.diffsweep.trainer.cli.DiffsweepCli;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * How to start one trainer JVM for a trial: {@code java <flags> -cp <classpath> <main> train ...}
 * with the command line docs/TABLES.md fixes. Each trial gets its own JVM because DJL allows one
 * open GradientCollector per JVM, and a native crash then costs one attempt, not the executor.
 */
public record TrainerLauncher(
    String javaExecutable, List<String> jvmOptions, String classpath, String mainClass)
    implements Serializable {
  public static final String TRAINER_MAIN = "dev.diffsweep.trainer.cli.DiffsweepCli";
  static final String JVM_ARGS_RESOURCE = "diffsweep/conf/jvm.args";

  /**
   * The evaluation schedule's names in the trials table's hyperparameters (the trainer takes it as
   * --eval-every and --eval-episodes).
   */
  public static final String EVAL_INTERVAL = "eval_interval";

  public static final String EVAL_EPISODES = "eval_episodes";

  static final String TRAINER_LIBRARIES_RESOURCE = "diffsweep/trainer-libraries.txt";

  public TrainerLauncher {
    jvmOptions = List.copyOf(jvmOptions);
  }

  /**
   * A launcher for trainers started from this JVM, with this JVM's java and the part of its
   * classpath the trainer needs: on an executor the application jar Spark shipped (the trainer is
   * inside it), locally the build's classes, in both cases without Spark's libraries, whose 180
   * jars made every trainer start seconds slower. The flags are the project's (conf/jvm.args,
   * packaged in the jar) and then {@code extraOptions} (a heap size, say).
   */
  public static TrainerLauncher forThisJvm(String mainClass, List<String> extraOptions) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> options = new ArrayList<>(projectJvmOptions());
    options.addAll(extraOptions);
    List<String> classpath = trainerClasspath(classpathOfThisJvm(), mainClass);
    return new TrainerLauncher(
        java, options, String.join(File.pathSeparator, classpath), mainClass);
  }

  /** The argv of a trainer for {@code trial}, writing to {@code runFolder}. */
  public List<String> command(Trial trial, Path runFolder, String device) {
    return command(trial, runFolder, device, OptionalLong.empty());
  }

  /**
   * The argv of a trainer for {@code trial} that stops at {@code stopAt} env steps when given (a
   * tuner's rung), to be resumed by a later command with a larger budget.
   */
  public List<String> command(Trial trial, Path runFolder, String device, OptionalLong stopAt) {
    List<String> command = new ArrayList<>();
    command.add(javaExecutable);
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(classpath);
    command.add(mainClass);
    long evalEvery = trial.evaluation().everySteps();
    command.addAll(
        List.of(
            "train",
            "--algo",
            trial.algorithm(),
            "--env",
            trial.task(),
            "--steps",
            Long.toString(trial.steps()),
            "--seed",
            Integer.toString(trial.seed()),
            "--out",
            runFolder.toString(),
            "--run-id",
            trial.id(),
            "--eval-every",
            Long.toString(evalEvery),
            "--eval-episodes",
            Integer.toString(trial.evaluation().episodes()),
            // A checkpoint at every evaluation: a retried attempt loses at most one interval.
            "--checkpoint-every",
            Long.toString(evalEvery)));
    for (Map.Entry<String, String> setting : trial.hyperparameters().entrySet()) {
      command.add("--set");
      command.add(setting.getKey() + "=" + setting.getValue());
    }
    if (stopAt.isPresent()) {
      command.add("--stop-at");
      command.add(Long.toString(stopAt.getAsLong()));
    }
    command.add("--device");
    command.add(device);
    return command;
  }

  /**
   * What the trials table lists as a trial's hyperparameters: the grid point plus the evaluation
   * schedule.
   */
  public static Map<String, String> trainerSettings(Trial trial) {
    Map<String, String> settings = new java.util.TreeMap<>(trial.hyperparameters());
    settings.put(EVAL_INTERVAL, Long.toString(trial.evaluation().everySteps()));
    settings.put(EVAL_EPISODES, Integer.toString(trial.evaluation().episodes()));
    return settings;
  }

  /**
   * The entries of {@code classpath} a trainer needs: where the trainer's and the contract's
   * classes and {@code mainClass} come from, and the jars of the trainer's libraries (listed by
   * artifact id in the trainer's jar at build time; matched whatever version Maven picked for this
   * classpath). Without that list it keeps the whole classpath.
   */
  static List<String> trainerClasspath(List<String> classpath, String mainClass) {
    Set<String> libraries = trainerLibraries();
    if (libraries.isEmpty()) {
      return classpath;
    }
    Set<String> homes = new LinkedHashSet<>();
    homes.add(codeSource(DiffsweepCli.class));
    // The contract is the trainer's own module: a folder, not a jar, in a reactor build.
    homes.add(codeSource(AlgorithmCatalogue.class));
    try {
      Class<?> main =
          Class.forName(mainClass, false, Thread.currentThread().getContextClassLoader());
      homes.add(codeSource(main));
    } catch (ClassNotFoundException e) {
      throw new IllegalArgumentException("trainer main class " + mainClass + " is not found", e);
    }
    List<String> kept = new ArrayList<>();
    for (String entry : classpath) {
      String name = Path.of(entry).getFileName().toString();
      if (homes.contains(Path.of(entry).toAbsolutePath().normalize().toString())
          || isJarOf(name, libraries)) {
        kept.add(entry);
      }
    }
    for (String home : homes) {
      if (home != null && !kept.contains(home) && !classpath.contains(home)) {
        kept.add(0, home);
      }
    }
    return kept;
  }

  /** {@code artifact-1.2.3[-classifier].jar} for one of the artifact ids. */
  private static boolean isJarOf(String fileName, Set<String> artifactIds) {
    if (!fileName.endsWith(".jar")) {
      return false;
    }
    for (int dash = fileName.indexOf('-'); dash > 0; dash = fileName.indexOf('-', dash + 1)) {
      if (dash + 1 < fileName.length()
          && Character.isDigit(fileName.charAt(dash + 1))
          && artifactIds.contains(fileName.substring(0, dash))) {
        return true;
      }
    }
    return false;
  }

  private static Set<String> trainerLibraries() {
    try (InputStream in =
        DiffsweepCli.class.getClassLoader().getResourceAsStream(TRAINER_LIBRARIES_RESOURCE)) {
      if (in == null) {
        return Set.of();
      }
      Set<String> artifactIds = new LinkedHashSet<>();
      for (String entry : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("[:\\s]+")) {
        String name = entry.substring(entry.lastIndexOf('/') + 1);
        if (name.endsWith(".jar")) {
          artifactIds.add(name.substring(0, name.length() - ".jar".length()));
        }
      }
      return artifactIds;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String codeSource(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI())
          .toAbsolutePath()
          .normalize()
          .toString();
    } catch (URISyntaxException | NullPointerException e) {
      return null;
    }
  }

  public static List<String> projectJvmOptions() {
    try (InputStream in =
        TrainerLauncher.class.getClassLoader().getResourceAsStream(JVM_ARGS_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(JVM_ARGS_RESOURCE + " is missing from the classpath");
      }
      List<String> options = new ArrayList<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        String option = line.strip();
        if (!option.isEmpty() && !option.startsWith("#")) {
          options.add(option);
        }
      }
      return options;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** java.class.path plus the jars Spark added to the task's class loaders (the app jar). */
  public static List<String> classpathOfThisJvm() {
    Set<String> entries = new LinkedHashSet<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (!entry.isEmpty()) {
        entries.add(entry);
      }
    }
    for (ClassLoader loader = Thread.currentThread().getContextClassLoader();
        loader != null;
        loader = loader.getParent()) {
      if (loader instanceof URLClassLoader urlLoader) {
        for (URL url : urlLoader.getURLs()) {
          if ("file".equals(url.getProtocol())) {
            try {
              entries.add(Path.of(url.toURI()).toString());
            } catch (URISyntaxException e) {
              entries.add(url.getPath());
            }
          }
        }
      }
    }
    return new ArrayList<>(entries);
  }
}
