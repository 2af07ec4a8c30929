package org.brainalign.app.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.brainalign.benchmarks.data.DataCatalog;
import org.brainalign.benchmarks.data.DataFetcher;
import org.brainalign.benchmarks.data.DataDirectory;
import org.brainalign.benchmarks.data.DataVerifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code brainalign data}: the data catalog and its checks. */
@Command(name = "data", mixinStandardHelpOptions = true, description = "Data sets: list, verify, fetch from their public sources, import BSL's from a brainio cache.",
        subcommands = {DataCommand.Verify.class, DataCommand.ListSets.class, DataCommand.Fetch.class, DataCommand.Import.class})
public final class DataCommand {

    /** {@code brainalign data fetch}: downloads data sets from their public sources, resumable, checksum-checked. */
    @Command(name = "fetch", mixinStandardHelpOptions = true,
            description = "Download data sets from their public sources into the data directory (BRAINALIGN_DATA or --data-dir), "
                    + "each file checked against its pinned sha256 (or the sha1 its source publishes) before it is placed. "
                    + "Run the same command again to resume an interrupted download.")
    public static final class Fetch implements Callable<Integer> {
        @Parameters(paramLabel = "<dataset|all>", arity = "1..*",
                description = "Data set ids ('brainalign data list' shows them), or all.")
        List<String> datasets;

        @Option(names = "--mirror", paramLabel = "<url>",
                description = "Fetch from a mirror that serves https://<host>/<path> as <url>/<host>/<path> instead of the sources.")
        String mirror;

        @Option(names = "--timeout", defaultValue = "60", paramLabel = "<seconds>",
                description = "Give up when the server sends nothing for this long (default ${DEFAULT-VALUE}).")
        int timeout;

        @Mixin
        DataOptions data;

        @Mixin
        ProgressOptions progress;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            DataCatalog catalog = DataCatalog.bundled();
            List<String> sets = datasets.contains("all") ? DataFetcher.fetchable(catalog) : List.copyOf(datasets);
            for (String id : sets) {
                DataFetcher.requireFetchable(catalog, id); // an unknown or unfetchable set: an error before any download
            }
            for (String id : sets) {
                try (ConsoleProgress bar = new ConsoleProgress("fetch " + id, progress.show())) {
                    var fetcher = new DataFetcher(data.directory(), mirror, Duration.ofSeconds(timeout), bar::update);
                    List<Path> placed = fetcher.fetch(catalog, id);
                    bar.close();
                    out.println(id + ": " + placed.size() + " file(s) in " + data.directory().dataset(id) + ", each checked against "
                            + "its pinned checksum");
                }
            }
            return 0;
        }
    }

    /** {@code brainalign data import --brainio}: takes BSL's files from a Brain-Score user's brainio cache. */
    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Link (or copy) Brain-Score Language's cached recordings from a brainio cache into the data directory.")
    public static final class Import implements Callable<Integer> {
        @Option(names = "--brainio", arity = "0..1", paramLabel = "<dir>", fallbackValue = "",
                description = "The brainio cache (default $BRAINIO_HOME, else ~/.brainio).")
        String brainio;

        @Option(names = "--copy", description = "Copy the files instead of linking them.")
        boolean copy;

        @Mixin
        DataOptions data;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            if (brainio == null) {
                throw new IllegalArgumentException("say where to import from: --brainio [dir]");
            }
            Path cache = brainio.isBlank() ? DataFetcher.defaultBrainioCache()
                    : Path.of(brainio);
            if (!Files.isDirectory(cache)) {
                throw new IllegalArgumentException("no brainio cache at " + cache + " (set BRAINIO_HOME or pass --brainio <dir>)");
            }
            DataCatalog catalog = DataCatalog.bundled();
            var fetcher = new DataFetcher(data.directory(), null, Duration.ofSeconds(60), null);
            int found = 0;
            for (String id : DataFetcher.bslSets(catalog)) {
                var placed = fetcher.importBrainio(catalog, id, cache, copy);
                if (placed.isPresent()) {
                    found++;
                    out.println(id + ": " + (copy ? "copied to " : "linked at ") + placed.get() + " (sha1 checked)");
                } else {
                    out.println(id + ": not in " + cache);
                }
            }
            out.println(found + " data set(s) imported from " + cache);
            return 0;
        }
    }

    /** {@code brainalign data verify}: checks every catalog file's presence, size and sha256. */
    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Check the data directory (BRAINALIGN_DATA) against the catalog. Exit 0 only when every file of the "
                    + "requested sets is present and verified; 1 otherwise, with what is missing or corrupt and how to get it.")
    public static final class Verify implements Callable<Integer> {
        @Option(names = "--dataset", paramLabel = "<id>", description = "Only this data set.")
        String dataset;

        @Mixin
        DataOptions data;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            DataCatalog catalog = DataCatalog.bundled();
            DataDirectory dir = data.directory();
            out.println("data directory: " + dir.root() + (dir.exists() ? "" : " (does not exist)"));
            List<DataVerifier.FileCheck> checks = dataset == null ? DataVerifier.verify(catalog, dir)
                    : DataVerifier.verify(catalog.get(dataset), dir);
            boolean corrupt = false;
            for (DataVerifier.FileCheck c : checks) {
                out.printf("%-15s %-24s %-40s %s%n", c.status(), c.dataset(), c.file(), c.detail());
                corrupt |= c.status().corrupt();
            }
            long ok = checks.stream().filter(c -> c.status() == DataVerifier.Status.OK).count();
            long usable = checks.stream().filter(c -> c.status().usable()).count();
            long missing = checks.stream().filter(c -> c.status() == DataVerifier.Status.MISSING).count();
            out.printf("%d ok (%d usable in all), %d missing, %s%n", ok, usable, missing,
                    corrupt ? "CORRUPT FILES FOUND" : "no corrupt files");
            // Every set with a missing or corrupt file, with the one command or source that gets it.
            checks.stream().filter(c -> c.status() == DataVerifier.Status.MISSING || c.status().corrupt())
                    .map(DataVerifier.FileCheck::dataset).distinct()
                    .forEach(id -> out.println("get " + id + ": " + catalog.get(id).howToGet()));
            return corrupt || missing > 0 ? 1 : 0;
        }
    }

    /** {@code brainalign data list}: the catalog's data sets with sources and licences. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the data sets brainalign knows.")
    public static final class ListSets implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            for (DataCatalog.Dataset d : DataCatalog.bundled().datasets()) {
                out.printf("%s: %s%n  source: %s%n  licence: %s%n", d.id(), d.description(), d.source(), d.license());
                if (d.citation() != null) {
                    out.printf("  cite: %s%n", d.citation());
                }
                out.printf("  files: %d; get: %s%n", d.files().size(), d.howToGet());
                if (d.notes() != null) {
                    out.printf("  notes: %s%n", d.notes());
                }
            }
            return 0;
        }
    }
}
