package dev.diffsweep.pipeline.storage;

import dev.diffsweep.analysis.verify.StudyCheck;
import dev.diffsweep.analysis.verify.StudyVerification;
import java.io.IOException;

/** The pipeline's side of verification: checks a study folder's committed trials. */
public final class StudyIntegrity {
  private final StudyFolder folder;

  public StudyIntegrity(StudyFolder folder) {
    this.folder = folder;
  }

  public StudyCheck check(StudyVerification.Depth depth) throws IOException {
    return new StudyVerification(folder.fileSystem(), folder.root()).check(depth);
  }

  /**
   * Refuses (bad input, exit 2) a study with a damaged committed file before anything trains or is
   * written: naming the files and the command that repairs them. Listings and lengths only.
   */
  public void refuseIfDamaged() throws IOException {
    StudyCheck check = check(StudyVerification.Depth.LISTING);
    if (!check.intact()) {
      throw new IllegalArgumentException("nothing trained: " + check.refusal(displayName()));
    }
  }

  /** The study folder as a user types it: a plain path when local, else its URI. */
  public String displayName() {
    String name = folder.isLocal() ? folder.root().toUri().getPath() : folder.root().toString();
    return name.length() > 1 && name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
  }
}
