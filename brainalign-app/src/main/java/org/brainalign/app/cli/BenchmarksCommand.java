package org.brainalign.app.cli;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import org.brainalign.benchmarks.Benchmark;
import org.brainalign.benchmarks.BenchmarkRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code brainalign benchmarks}: lists every benchmark identifier with its description and aliases. */
@Command(name = "benchmarks", mixinStandardHelpOptions = true, description = "List benchmark identifiers.")
public final class BenchmarksCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Map<String, String> aliases = BenchmarkRegistry.aliases();
        for (Benchmark b : BenchmarkRegistry.all()) {
            String id = b.id();
            out.printf("%s (v%d)%n  %s%n  context: %s%n", id, b.version(), b.description(), b.contextPolicy());
            aliases.forEach((alias, target) -> {
                if (target.equals(id)) {
                    out.printf("  alias: %s%n", alias);
                }
            });
        }
        return 0;
    }
}
