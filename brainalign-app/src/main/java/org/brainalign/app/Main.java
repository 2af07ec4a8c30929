package org.brainalign.app;

import org.brainalign.app.cli.ActivationsCommand;
import org.brainalign.app.cli.BenchCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code brainalign} command line: one subcommand per job. */
@Command(name = "brainalign", mixinStandardHelpOptions = true, version = "brainalign 0.1.0",
        description = "Measures how well language models predict the human language network.",
        subcommands = {ActivationsCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public final class Main {

    public static void main(String[] args) {
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
