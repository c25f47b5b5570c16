package dev.diffsweep.trainer.cli;

import dev.diffsweep.trainer.mujoco.Simulation;
import picocli.CommandLine.IVersionProvider;

/** Prints our version and the MuJoCo engine's. */
final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String ours = DiffsweepCli.class.getPackage().getImplementationVersion();
    return new String[] {
      "diffsweep " + (ours == null ? "development build" : ours),
      "MuJoCo " + Simulation.mujocoVersionText()
    };
  }
}
