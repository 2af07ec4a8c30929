package org.brainalign.app.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.brainalign.app.leaderboard.Report;
import org.brainalign.app.store.ResultsStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code brainalign report}: the leaderboard and its plots, offline, as HTML, PNG or SVG. */
@Command(name = "report", mixinStandardHelpOptions = true, description = "Write the leaderboard and plots offline (.html, .png, .svg).")
public final class ReportCommand implements Callable<Integer> {
    @Option(names = "--out", required = true, paramLabel = "<report.html|report.png|report.svg>", description = "Output file.")
    Path out;

    @Mixin
    StoreOptions store;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Path file = store.existing();
        Path written;
        try (ResultsStore s = store.open(file)) {
            written = Report.write(s, out);
        }
        spec.commandLine().getOut().println("wrote " + written);
        return 0;
    }
}
