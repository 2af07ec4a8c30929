package org.brainalign.app;

import org.brainalign.app.cli.ActivationsCommand;
import org.brainalign.app.cli.BenchCommand;
import org.brainalign.app.cli.BenchmarksCommand;
import org.brainalign.app.cli.DriveSuppressCommand;
import org.brainalign.app.cli.CompareCommand;
import org.brainalign.app.cli.ConvertCommand;
import org.brainalign.app.cli.DataCommand;
import org.brainalign.app.cli.LeaderboardCommand;
import org.brainalign.app.cli.LocalizeCommand;
import org.brainalign.app.cli.ModelsCommand;
import org.brainalign.app.cli.ReportCommand;
import org.brainalign.app.cli.ScoreCommand;
import org.brainalign.app.cli.TrainCommand;
import org.brainalign.app.cli.TrainingComparisonCommand;
import org.brainalign.app.cli.TopoMapsCommand;
import java.util.ArrayList;
import java.util.List;
import org.brainalign.core.text.EditDistance;
import org.brainalign.models.registry.ModelRegistry;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code brainalign} command line: one subcommand per job. */
@Command(name = "brainalign", mixinStandardHelpOptions = true, versionProvider = Software.class,
        description = "Measures how well language models predict the human language network.",
        subcommands = {ActivationsCommand.class, ScoreCommand.class, CompareCommand.class, LocalizeCommand.class, LeaderboardCommand.class, ReportCommand.class, TrainCommand.class, TopoMapsCommand.class, TrainingComparisonCommand.class, BenchmarksCommand.class, ModelsCommand.class, DataCommand.class, ConvertCommand.class,
                BenchCommand.class, DriveSuppressCommand.class, CommandLine.HelpCommand.class})
public final class Main {
    @CommandLine.Option(names = "--threads", scope = CommandLine.ScopeType.INHERIT, paramLabel = "<n>",
            description = "Threads for libtorch and OpenBLAS (default: $" + org.brainalign.core.runtime.ThreadPolicy.ENV
                    + ", else the physical cores this process may use).")
    Integer threads;

    /** Held strongly: java.util.logging keeps loggers weakly, and a collected logger loses its level. */
    private static final java.util.logging.Logger NETLIB_LOG = java.util.logging.Logger.getLogger("dev.ludovic.netlib");

    public static void main(String[] args) {
        // netlib announces its backend at INFO; keep the console for results.
        NETLIB_LOG.setLevel(java.util.logging.Level.WARNING);
        System.exit(commandLine().execute(args));
    }

    /** The configured command line (also used by tests). */
    public static CommandLine commandLine() {
        Main main = new Main();
        CommandLine cli = new CommandLine(main);
        // The thread policy must be in place before libtorch starts: after parsing, before any command runs.
        cli.setExecutionStrategy(parsed -> {
            if (main.threads != null && main.threads < 1) {
                throw new CommandLine.ParameterException(parsed.commandSpec().commandLine(), "--threads must be ≥ 1, got " + main.threads);
            }
            org.brainalign.models.nn.TorchThreads.apply(org.brainalign.core.runtime.ThreadPolicy.choose(main.threads));
            return new CommandLine.RunLast().execute(parsed);
        });
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            // Bad input is reported as one clear line, not a stack trace.
            cmd.getErr().println(cmd.getColorScheme().errorText("error: " + e.getMessage()));
            return 2;
        });
        cli.setParameterExceptionHandler(Main::badArguments);
        addModelForms(cli);
        return cli;
    }

    /**
     * A command line picocli cannot parse: an option the command does not have is named with the
     * nearest one it has (picocli would first report the required option it then misses, with the
     * whole usage); any other parse error is its message. One line either way, exit code 2. The Spark
     * launcher reports its own bad arguments the same way.
     */
    public static int badArguments(CommandLine.ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        CommandLine.Model.CommandSpec spec = cmd.getCommandSpec();
        java.util.Set<String> known = spec.optionsMap().keySet();
        String where = spec.qualifiedName();
        if (e instanceof CommandLine.UnmatchedArgumentException u && !cmd.getSubcommands().isEmpty()
                && !u.getUnmatched().isEmpty() && !u.getUnmatched().getFirst().startsWith("-")) {
            String name = u.getUnmatched().getFirst();
            String nearest = cmd.getSubcommands().keySet().stream()
                    .min(java.util.Comparator.comparingInt(c -> EditDistance.quarters(name, c))).orElseThrow();
            cmd.getErr().println(cmd.getColorScheme().errorText("error: " + where + " has no command '" + name + "'"
                    + (EditDistance.quarters(name, nearest) <= 12 ? "; did you mean " + nearest + "?" : "")
                    + " (its commands: " + String.join(", ", cmd.getSubcommands().keySet()) + ")"));
            return 2;
        }
        for (String arg : args) {
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            if (name.startsWith("--") && name.length() > 2 && !known.contains(name)) {
                String nearest = known.stream().filter(o -> o.startsWith("--"))
                        .min(java.util.Comparator.comparingInt(o -> EditDistance.quarters(name, o))).orElse(null);
                cmd.getErr().println(cmd.getColorScheme().errorText("error: " + where + " has no option '" + name + "'"
                        + (nearest != null && EditDistance.quarters(name, nearest) <= 12 ? "; did you mean " + nearest + "?" : "")
                        + " (" + where + " --help lists its options)"));
                return 2;
            }
        }
        cmd.getErr().println(cmd.getColorScheme().errorText("error: " + e.getMessage() + " (" + where + " --help lists its options)"));
        return 2;
    }


    /** Help section key of the model forms. */
    static final String MODEL_FORMS = "modelForms";

    /** Every command that takes {@code --model} lists the registry's forms in its help, before the footer. */
    private static void addModelForms(CommandLine cli) {
        if (cli.getCommandSpec().mixins().containsKey("modelOptions")) {
            cli.getHelpSectionMap().put(MODEL_FORMS, help -> modelForms());
            List<String> keys = new ArrayList<>(cli.getHelpSectionKeys());
            keys.add(keys.indexOf(CommandLine.Model.UsageMessageSpec.SECTION_KEY_FOOTER_HEADING), MODEL_FORMS);
            cli.setHelpSectionKeys(keys);
        }
        cli.getSubcommands().values().forEach(Main::addModelForms);
    }

    /** The forms, one per entry: syntax, then its description wrapped under it. */
    public static String modelForms() {
        StringBuilder b = new StringBuilder(String.format("%nModel forms (--model):%n"));
        for (ModelRegistry.Form f : ModelRegistry.forms()) {
            b.append("  ").append(f.syntax()).append(String.format("%n"));
            StringBuilder line = new StringBuilder("      ");
            for (String word : f.description().split(" ")) {
                if (line.length() + word.length() > 100) {
                    b.append(line.toString().stripTrailing()).append(String.format("%n"));
                    line = new StringBuilder("      ");
                }
                line.append(word).append(' ');
            }
            b.append(line.toString().stripTrailing()).append(String.format("%n"));
        }
        return b.toString();
    }
}
