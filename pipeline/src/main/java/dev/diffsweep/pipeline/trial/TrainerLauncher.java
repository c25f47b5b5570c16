package dev.diffsweep.pipeline.trial;

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

  /** The trainer's hyperparameter names for the study's evaluation schedule. */
  public static final String EVAL_INTERVAL = "eval_interval";

  public static final String EVAL_EPISODES = "eval_episodes";

  public TrainerLauncher {
    jvmOptions = List.copyOf(jvmOptions);
  }

  /**
   * A launcher for trainers started from this JVM, with this JVM's java and classpath: on an
   * executor that is the application jar Spark shipped (the trainer is inside it); locally the
   * build's classes. The flags are the project's (conf/jvm.args, packaged in the jar) and then
   * {@code extraOptions} (a heap size, say).
   */
  public static TrainerLauncher forThisJvm(String mainClass, List<String> extraOptions) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> options = new ArrayList<>(projectJvmOptions());
    options.addAll(extraOptions);
    return new TrainerLauncher(
        java, options, String.join(File.pathSeparator, classpathOfThisJvm()), mainClass);
  }

  /** The argv of a trainer for {@code trial}, writing to {@code runFolder}. */
  public List<String> command(Trial trial, Path runFolder, String device) {
    List<String> command = new ArrayList<>();
    command.add(javaExecutable);
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(classpath);
    command.add(mainClass);
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
            trial.id()));
    for (Map.Entry<String, String> setting : trainerSettings(trial).entrySet()) {
      command.add("--set");
      command.add(setting.getKey() + "=" + setting.getValue());
    }
    command.add("--device");
    command.add(device);
    return command;
  }

  /** The hyperparameters the trainer is given: the grid point plus the evaluation schedule. */
  public static Map<String, String> trainerSettings(Trial trial) {
    Map<String, String> settings = new java.util.TreeMap<>(trial.hyperparameters());
    settings.put(EVAL_INTERVAL, Long.toString(trial.evaluation().everySteps()));
    settings.put(EVAL_EPISODES, Integer.toString(trial.evaluation().episodes()));
    return settings;
  }

  static List<String> projectJvmOptions() {
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
  static List<String> classpathOfThisJvm() {
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
