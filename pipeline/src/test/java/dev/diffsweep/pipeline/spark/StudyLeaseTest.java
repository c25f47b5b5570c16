package dev.diffsweep.pipeline.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.diffsweep.pipeline.storage.StudyFolder;
import dev.diffsweep.pipeline.storage.StudyLease;
import dev.diffsweep.pipeline.study.StudyLoader;
import dev.diffsweep.pipeline.testing.DriverProcess;
import dev.diffsweep.pipeline.testing.InJvmCommand;
import dev.diffsweep.pipeline.testing.Poll;
import dev.diffsweep.pipeline.testing.TestStudies;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One driver per study. A real one-trial study (the real trainer, a tiny budget) runs once; while
 * it runs a second `diffsweep study` on the same file is refused. The other cases then run the
 * command on that finished study, which trains nothing, with lease files left as a killed or a live
 * driver on another host would leave them.
 */
class StudyLeaseTest {
  @TempDir static Path output;
  private static Path studyFile;
  private static Path folder;
  private static StudyDriver.Result firstRun;
  private static InJvmCommand secondDriverWhileTheFirstRan;
  private static StudyLease.Holder leaseWhileTheFirstRan;
  private static boolean leaseLeftAfterTheFirstRun;

  @BeforeAll
  static void runAStudyAndStartASecondDriverWhileItRuns() throws Exception {
    studyFile = output.resolve("lease.conf");
    Files.writeString(
        studyFile,
        TestStudies.tinySacStudy("lease-test", 1, 600, 300)
            + "output = \""
            + output.toUri()
            + "\"\n");
    folder = output.resolve("lease-test");
    SparkConf conf = SparkProfileFixtures.localDriver();
    StringWriter log = new StringWriter();
    CompletableFuture<StudyDriver.Result> first =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return new StudyDriver(
                        StudyLoader.load(studyFile), conf, new PrintWriter(log, true))
                    .run();
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    Path leaseFile = folder.resolve(StudyLease.FILE_NAME);
    Poll.until(() -> Files.exists(leaseFile) || first.isDone(), Duration.ofMinutes(2));
    leaseWhileTheFirstRan = StudyLease.current(studyFolder()).orElseThrow();
    secondDriverWhileTheFirstRan = study();
    firstRun = first.get(5, TimeUnit.MINUTES);
    leaseLeftAfterTheFirstRun = Files.exists(leaseFile);
  }

  @AfterEach
  void removeTheLease() throws Exception {
    Files.deleteIfExists(folder.resolve(StudyLease.FILE_NAME));
  }

  private static StudyFolder studyFolder() {
    return StudyFolder.open(folder.toUri().toString(), Map.of());
  }

  private static InJvmCommand study(String... options) {
    return command("study", studyFile, options);
  }

  private static InJvmCommand command(String name, Path file, String... options) {
    return command(new StringWriter(), name, file, options);
  }

  /** With {@code out} given, what the command printed so far can be read while it runs. */
  private static InJvmCommand command(StringWriter out, String name, Path file, String... options) {
    List<String> args = new ArrayList<>(List.of(name, file.toString(), "--no-analysis"));
    args.addAll(List.of(options));
    return InJvmCommand.run(out, args.toArray(new String[0]));
  }

  /** A lease as another driver on another host leaves it, last renewed {@code ago}. */
  private static void leaseOfAnotherHost(Duration ago) {
    Instant renewed = Instant.now().minus(ago);
    try {
      Files.writeString(
          folder.resolve(StudyLease.FILE_NAME),
          "host=other-host\npid=4242\nstarted=%s\nrenewed=%s\ntoken=theirs\n"
              .formatted(renewed.minus(Duration.ofHours(1)), renewed));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The study's lease as {@link StudyLease#current} reads it, for polling lambdas. */
  private static Optional<StudyLease.Holder> currentLease() {
    try {
      return StudyLease.current(studyFolder());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void aSecondDriverOnAHeldStudyExitsTwoNamingTheHolderAndHowToTakeOver() throws Exception {
    String host = InetAddress.getLocalHost().getHostName();
    long pid = ProcessHandle.current().pid();

    assertThat(leaseWhileTheFirstRan.host()).isEqualTo(host);
    assertThat(leaseWhileTheFirstRan.pid()).isEqualTo(pid);
    assertThat(secondDriverWhileTheFirstRan.exitCode()).isEqualTo(2);
    assertThat(secondDriverWhileTheFirstRan.err().strip())
        .doesNotContain("\n")
        .startsWith("diffsweep: study folder file:" + folder + " is in use by another driver")
        .contains("(host " + host + ", process " + pid + ", started 20")
        .contains("rerun after its lease expires at")
        .contains("or now with --force");
    assertThat(secondDriverWhileTheFirstRan.out()).doesNotContain("trials");
  }

  @Test
  void aFinishedStudyReleasesItsLease() {
    assertThat(firstRun.completed()).isEqualTo(1);
    assertThat(leaseLeftAfterTheFirstRun).isFalse();
  }

  @Test
  void whatRunsAfterTheTrialsTheAnalysisRunsUnderTheLease() throws Exception {
    SparkConf conf = SparkSessions.conf(SparkProfileFixtures.local(), "local[1]", "test");
    List<StudyLease.Holder> duringAnalysis = new ArrayList<>();

    new StudyDriver(StudyLoader.load(studyFile), conf, new PrintWriter(new StringWriter()))
        .run(result -> duringAnalysis.add(StudyLease.current(studyFolder()).orElseThrow()));

    assertThat(duringAnalysis)
        .singleElement()
        .extracting(StudyLease.Holder::pid)
        .isEqualTo(ProcessHandle.current().pid());
    assertThat(folder.resolve(StudyLease.FILE_NAME)).doesNotExist();
  }

  @Test
  void anExpiredLeaseIsTakenOverAndReleasedAtTheEnd() throws Exception {
    leaseOfAnotherHost(StudyLease.DEFAULT_EXPIRY.plusSeconds(5));

    assertTookTheLeaseOverAndReleasedIt(
        study(), "taking over the expired lease of host other-host, process 4242");
  }

  @Test
  void theLeaseOfADriverOnThisHostThatIsNoLongerRunningIsTakenAtOnce() throws Exception {
    Process ended = new ProcessBuilder("true").start();
    ended.waitFor();
    Instant now = Instant.now();
    String host = InetAddress.getLocalHost().getHostName();
    Files.writeString(
        folder.resolve(StudyLease.FILE_NAME),
        "host=%s\npid=%d\nstarted=%s\nrenewed=%s\ntoken=killed\n"
            .formatted(host, ended.pid(), now, now));

    assertTookTheLeaseOverAndReleasedIt(
        study(),
        "taking over the lease of a driver that is no longer running: host "
            + host
            + ", process "
            + ended.pid());
  }

  @Test
  void aLiveLeaseOfAnotherHostIsRefusedAndForceTakesItAtOnce() throws Exception {
    leaseOfAnotherHost(Duration.ofSeconds(1));

    InJvmCommand refused = study();

    assertThat(refused.exitCode()).isEqualTo(2);
    assertThat(refused.err()).contains("(host other-host, process 4242, started ");
    assertTookTheLeaseOverAndReleasedIt(
        study("--force"),
        "taking over the study's lease with --force from host other-host, process 4242");
  }

  /**
   * A rerun of the finished study that took the lease over: it exits 0, says from whom, finds
   * nothing to train and releases the lease at its end.
   */
  private static void assertTookTheLeaseOverAndReleasedIt(InJvmCommand rerun, String takeover) {
    assertThat(rerun.exitCode()).as(rerun.err()).isZero();
    assertThat(rerun.out())
        .contains(takeover)
        .contains("nothing to train: every trial is committed");
    assertThat(folder.resolve(StudyLease.FILE_NAME)).doesNotExist();
  }

  /**
   * Another driver forces the lease away from a running study (a user who ran --force while the
   * first driver still ran): the first driver notices at its next heartbeat, stops its trainers and
   * exits 1 with one line saying why.
   */
  @Test
  void aDriverWhoseLeaseIsTakenOverStopsAndExitsOne() throws Exception {
    Path file = longRunningStudy("taken-test");
    Path takenFolder = output.resolve("taken-test");
    System.setProperty(StudyLease.HEARTBEAT_KEY, "200ms");
    System.setProperty(StudyDriver.TRAINER_OPTIONS_KEY, "-Xmx256m");
    StringWriter firstOut = new StringWriter();
    CompletableFuture<InJvmCommand> first;
    List<ProcessHandle> trainers;
    try {
      first =
          CompletableFuture.supplyAsync(
              () -> command(firstOut, "study", file, "--master", "local[1]"));
      waitForATrainer(takenFolder, () -> !first.isDone());
      trainers = ProcessHandle.current().descendants().toList();
    } finally {
      System.clearProperty(StudyLease.HEARTBEAT_KEY);
      System.clearProperty(StudyDriver.TRAINER_OPTIONS_KEY);
    }
    List<String> log = new ArrayList<>();
    InJvmCommand stopped;
    try (StudyLease ours =
        StudyLease.acquire(
            StudyFolder.open(takenFolder.toUri().toString(), Map.of()),
            StudyLease.Settings.defaults(),
            true,
            log::add)) {
      try {
        stopped = first.get(5, TimeUnit.MINUTES);
      } catch (java.util.concurrent.TimeoutException e) {
        throw new AssertionError("the first driver did not stop; it printed: " + firstOut, e);
      }
      assertThat(ours.lost()).isFalse();
    }

    assertThat(log).hasSize(1);
    assertThat(log.get(0)).contains("taking over the study's lease with --force");
    assertThat(stopped.exitCode()).as(stopped.out() + stopped.err()).isEqualTo(1);
    assertThat(stopped.err().strip())
        .doesNotContain("\n")
        .startsWith("diffsweep: another driver took over this study's lease (host ")
        .endsWith("so this driver stops; rerun the study after that driver ends to finish it");
    for (ProcessHandle trainer : trainers) {
      // A hang guard: a stopped trainer JVM exits within seconds on an idle machine.
      assertThat(trainer.onExit()).succeedsWithin(3, TimeUnit.MINUTES);
    }
  }

  /**
   * The lease test's study under another name, with a budget that keeps it training while a test
   * acts on its driver; the study file.
   */
  private static Path longRunningStudy(String name) throws IOException {
    Path file = output.resolve(name + ".conf");
    Files.writeString(
        file,
        Files.readString(studyFile)
            .replace("name = lease-test", "name = " + name)
            .replace("steps = 600", "steps = 100000"));
    return file;
  }

  /** Waits, at most two minutes, until a trainer of the study runs or its driver stopped. */
  private static void waitForATrainer(Path studyFolder, BooleanSupplier driverRuns) {
    Poll.until(() -> hasRunJson(studyFolder) || !driverRuns.getAsBoolean(), Duration.ofMinutes(2));
  }

  private static boolean hasRunJson(Path studyFolder) {
    try (var runs = Files.list(studyFolder.resolve("runs"))) {
      return runs.anyMatch(run -> Files.exists(run.resolve("run.json")));
    } catch (IOException e) {
      return false;
    }
  }

  /** Ctrl-C or kill (SIGTERM) ends the driver: its shutdown hook gives the study back. */
  @Test
  void aDriverStoppedBySigtermReleasesItsLease() throws Exception {
    Path file = longRunningStudy("stopped-test");
    Path stoppedFolder = output.resolve("stopped-test");
    Process driver =
        DriverProcess.start(
            output.resolve("stopped.log"),
            "study",
            file.toString(),
            "--master",
            "local[1]",
            "--no-analysis");
    waitForATrainer(stoppedFolder, driver::isAlive);
    assertThat(stoppedFolder.resolve(StudyLease.FILE_NAME)).exists();

    driver.destroy();

    assertThat(driver.waitFor(2, TimeUnit.MINUTES)).isTrue();
    assertThat(stoppedFolder.resolve(StudyLease.FILE_NAME)).doesNotExist();
    String log = Files.readString(output.resolve("stopped.log"));
    assertThat(log)
        .contains("was stopped before it finished: committed trials are kept")
        .contains("run `diffsweep study " + file + "` again to finish it")
        .doesNotContain("\tat org.apache.spark");
    assertThat(log.split("was stopped before it finished", -1)).as("said once").hasSize(2);
  }

  @Test
  void tuneHoldsTheLeaseToo() throws Exception {
    Path tuneFile = output.resolve("tune.conf");
    Files.writeString(
        tuneFile, Files.readString(studyFile) + TestStudies.randomTauTuning(2, 1, 0.001, 0.01));
    leaseOfAnotherHost(Duration.ofSeconds(1));

    InJvmCommand refused = command("tune", tuneFile);

    assertThat(refused.exitCode()).isEqualTo(2);
    assertThat(refused.err())
        .contains("is in use by another driver (host other-host, process 4242")
        .contains("--force");
  }

  @Test
  void theHeartbeatRenewsOrRecreatesTheLeaseAndAHolderWhoseLeaseWasTakenLeavesItAlone()
      throws Exception {
    List<String> log = new ArrayList<>();
    StudyLease lease =
        StudyLease.acquire(
            studyFolder(),
            new StudyLease.Settings(Duration.ofMillis(50), Duration.ofMillis(100)),
            false,
            log::add);
    Instant started = lease.holder().renewed();
    // One 20-second budget for the three waits below.
    Instant deadline = Instant.now().plusSeconds(20);
    Poll.until(
        () -> currentLease().orElseThrow().renewed().isAfter(started),
        Duration.between(Instant.now(), deadline));
    assertThat(StudyLease.current(studyFolder()).orElseThrow().renewed()).isAfter(started);

    // Deleted by hand: a beat or two later it is created again, still this driver's.
    Files.delete(folder.resolve(StudyLease.FILE_NAME));
    Poll.until(() -> currentLease().isPresent(), Duration.between(Instant.now(), deadline));
    assertThat(StudyLease.current(studyFolder()).orElseThrow().token())
        .isEqualTo(lease.holder().token());
    assertThat(lease.lost()).isFalse();

    // Another driver takes it (written again should a renewal in flight replace it).
    Poll.until(
        () -> {
          leaseOfAnotherHost(Duration.ZERO);
          return lease.lost();
        },
        Duration.between(Instant.now(), deadline));
    lease.close();

    assertThat(lease.lost()).isTrue();
    assertThat(log).anyMatch(line -> line.contains("another driver took over this study's lease"));
    assertThat(StudyLease.current(studyFolder()).orElseThrow().host()).isEqualTo("other-host");
  }
}
