package dev.diffsweep.pipeline.study;

import java.util.List;

/**
 * The algorithms a study may name. The trainer's agent registry is not on main yet, so the list
 * lives here, once; when it lands this class delegates to it.
 */
public final class KnownAlgorithms {
  private static final List<String> IDS = List.of("sac", "diffsac");

  private KnownAlgorithms() {}

  public static List<String> ids() {
    return IDS;
  }
}
