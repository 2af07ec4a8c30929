package org.brainalign.app.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.brainalign.benchmarks.data.DataCatalog;
import org.brainalign.benchmarks.data.DataDirectory;
import org.brainalign.benchmarks.data.DataVerifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code brainalign data}: the data catalog and its checks. */
@Command(name = "data", mixinStandardHelpOptions = true, description = "Data sets: list and verify.",
        subcommands = {DataCommand.Verify.class, DataCommand.ListSets.class})
public final class DataCommand {

    /** {@code brainalign data verify}: checks every catalog file's presence, size and sha256. */
    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Check the data directory (BRAINALIGN_DATA) against the catalog. Exit 1 if a present file is corrupt.")
    public static final class Verify implements Callable<Integer> {
        @Option(names = "--dataset", paramLabel = "<id>", description = "Only this data set.")
        String dataset;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            DataCatalog catalog = DataCatalog.bundled();
            DataDirectory dir = DataDirectory.fromEnvironment();
            out.println("data directory: " + dir.root() + (dir.exists() ? "" : " (does not exist)"));
            List<DataVerifier.FileCheck> checks = dataset == null ? DataVerifier.verify(catalog, dir)
                    : DataVerifier.verify(catalog.get(dataset), dir);
            boolean corrupt = false;
            for (DataVerifier.FileCheck c : checks) {
                out.printf("%-15s %-24s %-40s %s%n", c.status(), c.dataset(), c.file(), c.detail());
                corrupt |= c.status() == DataVerifier.Status.WRONG_CHECKSUM || c.status() == DataVerifier.Status.WRONG_SIZE;
            }
            long ok = checks.stream().filter(c -> c.status() == DataVerifier.Status.OK).count();
            long missing = checks.stream().filter(c -> c.status() == DataVerifier.Status.MISSING).count();
            out.printf("%d ok, %d missing, %s%n", ok, missing, corrupt ? "CORRUPT FILES FOUND" : "no corrupt files");
            return corrupt ? 1 : 0;
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
                out.printf("%s: %s%n  source: %s%n  licence: %s%n  files: %d%n", d.id(), d.description(), d.source(),
                        d.license(), d.files().size());
            }
            return 0;
        }
    }
}
