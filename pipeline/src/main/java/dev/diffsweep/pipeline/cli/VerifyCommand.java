package dev.diffsweep.pipeline.cli;

import dev.diffsweep.analysis.verify.StudyCheck;
import dev.diffsweep.analysis.verify.StudyVerification;
import dev.diffsweep.analysis.verify.TrialDamage;
import dev.diffsweep.pipeline.storage.StudyFolder;
import dev.diffsweep.pipeline.storage.StudyIntegrity;
import dev.diffsweep.pipeline.storage.StudyLease;
import dev.diffsweep.pipeline.storage.StudyRepair;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.hadoop.fs.FileStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code diffsweep verify STUDY [--repair]}: checks committed files against their records. */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = {
      "Check every committed trial's files against what its commit recorded (rows, bytes,",
      "CRC-32C): one line per damaged trial. With --repair, un-commit the damaged trials so",
      "that the next `diffsweep study FILE` retrains them, and only them."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:every committed trial is intact (or, with --repair, the damaged ones were un-committed)",
      "1:damaged trials were found and left as they are",
      "2:STUDY is not a study folder or cannot be read"
    })
final class VerifyCommand implements Callable<Integer> {
  private static final int UNRECORDED_NAMED = 10;

  @Parameters(paramLabel = "STUDY", description = "The study folder (a path or any Hadoop URI).")
  String study;

  @Option(
      names = "--repair",
      description =
          "Un-commit the damaged trials: their partitions are removed, their run state moves"
              + " to runs/ID/repaired-TIME/, and their trials-table rows become queued.")
  boolean repair;

  @Spec picocli.CommandLine.Model.CommandSpec command;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = command.commandLine().getOut();
    StudyFolder folder = StudyFolder.open(uri(study), Map.of());
    checkIsStudy(folder);
    StudyIntegrity integrity = new StudyIntegrity(folder);
    String name = integrity.displayName();
    if (!repair) {
      StudyCheck check = integrity.check(StudyVerification.Depth.THOROUGH);
      report(check, out);
      if (!check.intact()) {
        out.printf(
            "Run `bin/diffsweep verify %s --repair` to un-commit the damaged trials; the next"
                + " `bin/diffsweep study FILE` then retrains only them.%n",
            name);
      }
      out.flush();
      return check.intact() ? 0 : 1;
    }
    // Repairing under the study's lease: no driver may commit or skip these trials meanwhile.
    try (StudyLease lease =
        StudyLease.acquire(
            folder, StudyLease.Settings.defaults(), false, line -> out.println(line))) {
      StudyCheck check = integrity.check(StudyVerification.Depth.THOROUGH);
      report(check, out);
      if (!check.intact() && !lease.lost()) {
        List<String> ids = check.damaged().stream().map(TrialDamage::trialId).toList();
        String aside = new StudyRepair(folder).repair(ids);
        for (String id : ids) {
          out.printf(
              "repaired trial %s: un-committed, its partitions removed, its run state kept in"
                  + " runs/%s/%s; `study` retrains it from the start%n",
              id, id, aside);
        }
        out.printf(
            "Repaired %d damaged trials. Run `bin/diffsweep study FILE` to retrain them.%n",
            ids.size());
      }
    }
    out.flush();
    return 0;
  }

  private static void report(StudyCheck check, PrintWriter out) {
    check.damaged().forEach(trial -> out.println(trial.line()));
    List<String> unrecorded = check.unrecorded();
    if (!unrecorded.isEmpty()) {
      String named =
          String.join(", ", unrecorded.subList(0, Math.min(UNRECORDED_NAMED, unrecorded.size())));
      out.printf(
          "%d trials committed before file records; checked readable only: %s%s%n",
          unrecorded.size(), named, unrecorded.size() > UNRECORDED_NAMED ? ", ..." : "");
    }
    out.printf(
        "%d committed trials checked: %d intact, %d damaged%n",
        check.committed(), check.committed() - check.damaged().size(), check.damaged().size());
  }

  /** A plain path becomes an absolute file: URI; a URI with a scheme stays as it is. */
  private static String uri(String given) {
    if (given.matches("^[a-zA-Z][a-zA-Z0-9+.-]+:.*")) {
      return URI.create(given).toString();
    }
    return Path.of(given).toAbsolutePath().normalize().toUri().toString();
  }

  private void checkIsStudy(StudyFolder folder) throws IOException {
    FileStatus status;
    try {
      status = folder.fileSystem().getFileStatus(folder.root());
    } catch (java.io.FileNotFoundException e) {
      throw new IllegalArgumentException("no study folder at " + study);
    }
    if (!status.isDirectory()
        || !(folder.fileSystem().exists(folder.studyFile())
            || folder.fileSystem().exists(folder.tablesFolder()))) {
      throw new IllegalArgumentException(
          study
              + " is not a study folder (no study.conf or tables/ in it): give the folder a"
              + " study wrote, e.g. work/studies/NAME");
    }
  }
}
