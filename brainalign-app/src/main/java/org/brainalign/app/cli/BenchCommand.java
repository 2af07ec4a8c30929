package org.brainalign.app.cli;

import picocli.CommandLine.Command;

/** {@code brainalign bench}: performance benchmarks that print a table. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Performance benchmarks.",
        subcommands = {ExtractBench.class, ScoreBench.class, TrainBench.class, DriveSuppressBench.class})
public final class BenchCommand {
}
