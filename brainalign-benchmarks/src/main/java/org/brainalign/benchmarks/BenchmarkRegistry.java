package org.brainalign.benchmarks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.brainalign.benchmarks.blank2014.Blank2014;
import org.brainalign.benchmarks.futrell2018.Futrell2018;
import org.brainalign.benchmarks.fedorenko2016.Fedorenko2016;
import org.brainalign.benchmarks.neural.MetricChoice.Kind;
import org.brainalign.benchmarks.pereira2018.Pereira2018;
import org.brainalign.benchmarks.pereira2018.Pereira2018.Experiment;
import org.brainalign.benchmarks.syntaxgym.SyntaxGym;
import org.brainalign.benchmarks.tuckute2024.Tuckute2024;
import org.brainalign.benchmarks.wikitext.NextWord;

/**
 * Every benchmark brainalign knows, by BSL identifier, with the retired identifiers (before BSL PR
 * #361) as aliases, plus {@code nextword:<file>} for next-word accuracy on any local text file.
 * One line per benchmark; no reflection, no scanning.
 */
public final class BenchmarkRegistry {
    private static final Map<String, Function<DataSource, Benchmark>> FACTORIES = new LinkedHashMap<>();
    private static final Map<String, String> ALIASES = new LinkedHashMap<>();

    static {
        add("Pereira2018.243sentences-linear-shuffle", s -> Pereira2018.benchmark(Experiment.E243, Kind.LINEAR_SHUFFLE, s),
                "Pereira2018.243sentences-linear");
        add("Pereira2018.384sentences-linear-shuffle", s -> Pereira2018.benchmark(Experiment.E384, Kind.LINEAR_SHUFFLE, s),
                "Pereira2018.384sentences-linear");
        add("Pereira2018.243sentences-ridge", s -> Pereira2018.benchmark(Experiment.E243, Kind.RIDGE, s));
        add("Pereira2018.384sentences-ridge", s -> Pereira2018.benchmark(Experiment.E384, Kind.RIDGE, s));
        add("Blank2014-linear-shuffle", s -> Blank2014.benchmark(Kind.LINEAR_SHUFFLE, s), "Blank2014-linear");
        add("Blank2014-ridge", s -> Blank2014.benchmark(Kind.RIDGE, s));
        add("Fedorenko2016-linear-shuffle", s -> Fedorenko2016.benchmark(Kind.LINEAR_SHUFFLE, s), "Fedorenko2016-linear");
        add("Fedorenko2016-ridge", s -> Fedorenko2016.benchmark(Kind.RIDGE, s));
        add("Tuckute2024-linear", s -> Tuckute2024.benchmark(Kind.LINEAR_SHUFFLE, s));
        add("Tuckute2024-ridge", s -> Tuckute2024.benchmark(Kind.RIDGE, s));
        add("Tuckute2024-cka", s -> Tuckute2024.benchmark(Kind.CKA, s));
        add("Tuckute2024-rdm", s -> Tuckute2024.benchmark(Kind.RDM, s));
        add("Futrell2018-pearsonr", Futrell2018::new);
        for (String suite : SyntaxGym.SUITES) {
            add("syntaxgym-" + suite, s -> SyntaxGym.suite(suite, s));
        }
        add("SyntaxGym2020", SyntaxGym::all);
        add("Wikitext-accuracy", s -> new NextWord("Wikitext-accuracy",
                s.directory().dataset("wikitext2").resolve("wiki.test.raw"), Integer.MAX_VALUE));
    }

    /** Prefix of the next-word benchmark on any local text file: {@code nextword:<path>}. */
    public static final String NEXT_WORD_PREFIX = "nextword:";

    private BenchmarkRegistry() {}

    private static void add(String id, Function<DataSource, Benchmark> factory, String... aliases) {
        FACTORIES.put(id, factory);
        for (String a : aliases) {
            ALIASES.put(a, id);
        }
    }

    /** Canonical identifiers, in registry order. */
    public static List<String> ids() {
        return List.copyOf(FACTORIES.keySet());
    }

    /** Retired identifier → canonical identifier. */
    public static Map<String, String> aliases() {
        return Map.copyOf(ALIASES);
    }

    /** The canonical id of an id or alias, or an error listing the known ids. */
    public static String canonical(String idOrAlias) {
        if (FACTORIES.containsKey(idOrAlias) || idOrAlias.startsWith(NEXT_WORD_PREFIX)) {
            return idOrAlias;
        }
        String target = ALIASES.get(idOrAlias);
        if (target == null) {
            throw new IllegalArgumentException("unknown benchmark '" + idOrAlias + "'; known: " + String.join(", ", ids())
                    + " (run 'brainalign benchmarks' for descriptions)");
        }
        return target;
    }

    /** Creates a benchmark (data is loaded lazily, on first use). */
    public static Benchmark create(String idOrAlias, DataSource source) {
        if (idOrAlias.startsWith(NEXT_WORD_PREFIX)) {
            java.nio.file.Path file = java.nio.file.Path.of(idOrAlias.substring(NEXT_WORD_PREFIX.length()));
            return new NextWord(idOrAlias, file, Integer.MAX_VALUE);
        }
        return FACTORIES.get(canonical(idOrAlias)).apply(source);
    }
}
