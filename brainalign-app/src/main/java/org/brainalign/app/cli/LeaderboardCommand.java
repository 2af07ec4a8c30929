package org.brainalign.app.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.brainalign.app.leaderboard.Leaderboard;
import org.brainalign.app.leaderboard.LeaderboardServer;
import org.brainalign.app.store.ResultsStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code brainalign leaderboard}: ranks every model in the results store as BSL's leaderboard does
 * and prints the table (average, neural, behaviour, engineering and the benchmark groups), or
 * writes it as CSV.
 */
@Command(name = "leaderboard", mixinStandardHelpOptions = true,
        description = "Rank the models in the results store (BSL aggregation: parent = mean of children, missing = 0).",
        subcommands = {LeaderboardCommand.Serve.class})
public final class LeaderboardCommand implements Callable<Integer> {

    /** {@code brainalign leaderboard serve}: the web leaderboard on 127.0.0.1 (until interrupted). */
    @Command(name = "serve", mixinStandardHelpOptions = true, description = "Serve the leaderboard in a browser.")
    public static final class Serve implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Option(names = "--port", defaultValue = "8080", description = "Port (default ${DEFAULT-VALUE}).")
        int port;

        @Option(names = "--host", defaultValue = "127.0.0.1",
                description = "Interface to bind (default ${DEFAULT-VALUE}; 0.0.0.0 exposes it to the network).")
        String host;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            Path file = store.existing();
            store.open(file).close(); // refuse a damaged store (with --check: the full integrity check) before serving it
            try (LeaderboardServer server = LeaderboardServer.start(file, host, port)) {
                spec.commandLine().getOut().printf("leaderboard of %s at http://%s:%d/ (Ctrl-C to stop)%n", file, host, server.port());
                spec.commandLine().getOut().flush();
                Thread.currentThread().join();
            }
            return 0;
        }
    }
    @Mixin
    StoreOptions store;

    @Option(names = "--csv", paramLabel = "<file.csv>", description = "Also write the table as CSV.")
    Path csv;

    @Option(names = "--simulated", description = "Rank the scores on simulated recordings instead (never mixed with real ones).")
    boolean simulated;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path file = store.existing();
        List<Leaderboard.Row> rows;
        try (ResultsStore s = store.open(file)) {
            rows = Leaderboard.rankBsl(s, simulated);
        }
        if (simulated) {
            out.println("SIMULATED DATA — scores on simulated recordings, not on brains");
        }
        out.println(Leaderboard.RULE);
        List<String> columns = Leaderboard.columnIds();
        List<Leaderboard.Row> full = rows.stream().filter(Leaderboard.Row::complete).toList();
        List<Leaderboard.Row> separate = rows.stream().filter(r -> !r.complete()).toList();
        if (!full.isEmpty()) {
            out.println();
            table(out, full, columns);
        }
        if (!separate.isEmpty()) {
            out.println();
            out.println("Ranked separately (they cannot run every benchmark by their kind; n/a is left out of their means):");
            table(out, separate, columns);
            for (Leaderboard.Row r : separate) {
                out.println("  " + r.model().model() + ": " + String.join("; ", r.limits().values()));
            }
        }
        out.println();
        out.println("groups: " + String.join("; ", Leaderboard.columns().stream().filter(c -> !c.parent().isEmpty())
                .collect(java.util.stream.Collectors.groupingBy(Leaderboard.Column::parent, java.util.LinkedHashMap::new,
                        java.util.stream.Collectors.mapping(Leaderboard.Column::id, java.util.stream.Collectors.joining(", "))))
                .entrySet().stream().map(e -> e.getKey() + " = mean of " + e.getValue()).toList()));
        for (Leaderboard.Row r : rows) {
            List<String> gaps = new java.util.ArrayList<>();
            for (String c : columns) {
                int[] m = r.missingChildren(c);
                if (m != null) {
                    gaps.add(c + " " + m[0] + " of " + m[1]);
                }
            }
            if (!gaps.isEmpty()) {
                out.println("  " + r.model().model() + ": not scored (counted as 0): " + String.join(", ", gaps));
            }
        }
        if (csv != null) {
            Files.writeString(csv, Leaderboard.csv(rows));
            out.println("wrote " + csv);
        }
        return 0;
    }

    /** One table: rank, model and every column by its full name (no two columns look alike). */
    private static void table(PrintWriter out, List<Leaderboard.Row> rows, List<String> columns) {
        int width = Math.max(5, rows.stream().mapToInt(r -> r.model().model().length()).max().orElse(5));
        StringBuilder header = new StringBuilder(String.format("%4s  %-" + width + "s", "rank", "model"));
        for (String c : columns) {
            header.append("  ").append(String.format("%" + columnWidth(c) + "s", c));
        }
        out.println(header);
        int rank = 0;
        for (Leaderboard.Row r : rows) {
            rank++;
            StringBuilder line = new StringBuilder(String.format("%4d  %-" + width + "s", rank, r.model().model()));
            for (String c : columns) {
                double v = r.score(c);
                String cell = r.notApplicable(c) ? "n/a" : Double.isNaN(v) ? "-" : String.format(java.util.Locale.ROOT, "%.4f", v);
                line.append("  ").append(String.format("%" + columnWidth(c) + "s", cell));
            }
            out.println(line);
        }
    }

    private static int columnWidth(String column) {
        return Math.max(6, column.length());
    }


}
