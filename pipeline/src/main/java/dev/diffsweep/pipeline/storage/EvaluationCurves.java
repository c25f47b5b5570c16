package dev.diffsweep.pipeline.storage;

import dev.diffsweep.pipeline.tune.EvaluationPoint;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** A run's evaluation curve from the part files of its evaluations folder. */
public final class EvaluationCurves {
  private EvaluationCurves() {}

  /** (env step, mean return) of every evaluation in {@code folder}'s *.parquet, by env step. */
  public static List<EvaluationPoint> read(FileSystem fileSystem, Path folder) throws IOException {
    List<EvaluationPoint> curve = new ArrayList<>();
    if (!fileSystem.exists(folder)) {
      return curve;
    }
    for (FileStatus part : fileSystem.listStatus(folder)) {
      if (part.getPath().getName().endsWith(".parquet")) {
        ParquetGroups.read(
            fileSystem,
            part.getPath(),
            row ->
                curve.add(
                    new EvaluationPoint(
                        row.getLong("env_step", 0), row.getDouble("return_mean", 0))));
      }
    }
    curve.sort(Comparator.comparingLong(EvaluationPoint::envStep));
    return curve;
  }
}
