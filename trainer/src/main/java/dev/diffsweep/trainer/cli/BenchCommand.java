package dev.diffsweep.trainer.cli;

import picocli.CommandLine.Command;

/** Benchmarks; each prints a ratio against a reference measured in the same run. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Benchmarks against references measured in the same run.",
    subcommands = {EnvBenchCommand.class, UpdateBenchCommand.class, CheckpointBenchCommand.class})
final class BenchCommand {}
