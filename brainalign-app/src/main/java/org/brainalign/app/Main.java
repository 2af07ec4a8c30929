package org.brainalign.app;

import org.brainalign.app.cli.ActivationsCommand;
import org.brainalign.app.cli.BenchCommand;
import org.brainalign.app.cli.BenchmarksCommand;
import org.brainalign.app.cli.CompareCommand;
import org.brainalign.app.cli.DataCommand;
import org.brainalign.app.cli.LeaderboardCommand;
import org.brainalign.app.cli.LocalizeCommand;
import org.brainalign.app.cli.ReportCommand;
import org.brainalign.app.cli.ScoreCommand;
import org.brainalign.app.cli.TrainCommand;
import org.brainalign.app.cli.TrainingComparisonCommand;
import org.brainalign.app.cli.TopoMapsCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code brainalign} command line: one subcommand per job. */
@Command(name = "brainalign", mixinStandardHelpOptions = true, version = "brainalign 0.1.0",
        description = "Measures how well language models predict the human language network.",
        subcommands = {ActivationsCommand.class, ScoreCommand.class, CompareCommand.class, LocalizeCommand.class, LeaderboardCommand.class, ReportCommand.class, TrainCommand.class, TopoMapsCommand.class, TrainingComparisonCommand.class, BenchmarksCommand.class, DataCommand.class,
                BenchCommand.class, CommandLine.HelpCommand.class})
public final class Main {
    /** Held strongly: java.util.logging keeps loggers weakly, and a collected logger loses its level. */
    private static final java.util.logging.Logger NETLIB_LOG = java.util.logging.Logger.getLogger("dev.ludovic.netlib");

    public static void main(String[] args) {
        // netlib announces its backend at INFO; keep the console for results.
        NETLIB_LOG.setLevel(java.util.logging.Level.WARNING);
        System.exit(commandLine().execute(args));
    }

    /** The configured command line (also used by tests). */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            // Bad input is reported as one clear line, not a stack trace.
            cmd.getErr().println(cmd.getColorScheme().errorText("error: " + e.getMessage()));
            return 2;
        });
        return cli;
    }
}
