package org.brainalign.benchmarks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.brainalign.benchmarks.blank2014.Blank2014;
import org.brainalign.benchmarks.brennan2016.Brennan2016;
import org.brainalign.benchmarks.frank2015.Frank2015;
import org.brainalign.benchmarks.frank2015.Frank2015Data;
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
    private static final Map<String, Benchmark> METADATA = new LinkedHashMap<>();
    /** The source the metadata probes are made with (constructing a benchmark loads no data; one catalog parse). */
    private static final DataSource PROBE = DataSource.simulatedData();

    static {
        add(s -> Pereira2018.benchmark(Experiment.E243, Kind.LINEAR_SHUFFLE, s), "Pereira2018.243sentences-linear");
        add(s -> Pereira2018.benchmark(Experiment.E384, Kind.LINEAR_SHUFFLE, s), "Pereira2018.384sentences-linear");
        add(s -> Pereira2018.benchmark(Experiment.E243, Kind.RIDGE, s));
        add(s -> Pereira2018.benchmark(Experiment.E384, Kind.RIDGE, s));
        add(s -> Blank2014.benchmark(Kind.LINEAR_SHUFFLE, s), "Blank2014-linear");
        add(s -> Blank2014.benchmark(Kind.RIDGE, s));
        add(s -> Fedorenko2016.benchmark(Kind.LINEAR_SHUFFLE, s), "Fedorenko2016-linear");
        add(s -> Fedorenko2016.benchmark(Kind.RIDGE, s));
        add(s -> Tuckute2024.benchmark(Kind.LINEAR_SHUFFLE, s));
        add(s -> Tuckute2024.benchmark(Kind.RIDGE, s));
        add(s -> Tuckute2024.benchmark(Kind.CKA, s));
        add(s -> Tuckute2024.benchmark(Kind.RDM, s));
        // Beyond BSL, on real recordings: the Pereira2018 language-network average and Tuckute2024's fROIs.
        add(s -> Pereira2018.networkBenchmark(Experiment.E243, Kind.LINEAR_SHUFFLE, s));
        add(s -> Pereira2018.networkBenchmark(Experiment.E243, Kind.RIDGE, s));
        add(s -> Pereira2018.networkBenchmark(Experiment.E384, Kind.LINEAR_SHUFFLE, s));
        add(s -> Pereira2018.networkBenchmark(Experiment.E384, Kind.RIDGE, s));
        add(s -> Tuckute2024.fRoiBenchmark(Kind.RIDGE, s));
        add(s -> Tuckute2024.fRoiBenchmark(Kind.LINEAR_SHUFFLE, s));
        add(Futrell2018::new);
        // Beyond BSL: naturalistic listening as a time series (Brennan et al. 2016).
        add(s -> Brennan2016.ridge("6mm", s));
        add(s -> Brennan2016.ridge("10mm", s));
        add(Brennan2016::surprisal);
        // Beyond BSL: ERPs per word (Frank et al. 2015), one benchmark per component.
        for (String component : Frank2015Data.COMPONENTS) {
            add(s -> Frank2015.component(component, s));
        }
        for (String suite : SyntaxGym.SUITES) {
            add(s -> SyntaxGym.suite(suite, s));
        }
        add(SyntaxGym::all);
        add(NextWord::wikitext);
    }

    /** Prefix of the next-word benchmark on any local text file: {@code nextword:<path>}. */
    public static final String NEXT_WORD_PREFIX = "nextword:";

    private BenchmarkRegistry() {}

    /**
     * Registers a benchmark under its own {@link Benchmark#id()} (constructing one loads no data), so
     * an id is spelled once, inside the benchmark.
     */
    private static void add(Function<DataSource, Benchmark> factory, String... aliases) {
        Benchmark probe = factory.apply(PROBE);
        String id = probe.id();
        if (FACTORIES.containsKey(id) || ALIASES.containsKey(id)) {
            throw new IllegalStateException("benchmark id registered twice: " + id);
        }
        FACTORIES.put(id, factory);
        METADATA.put(id, probe);
        for (String a : aliases) {
            ALIASES.put(a, id);
        }
    }

    /** A benchmark of every registered id (on simulated data, nothing loaded): for metadata only. */
    public static List<Benchmark> all() {
        return List.copyOf(METADATA.values());
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
            throw new IllegalArgumentException("unknown benchmark '" + idOrAlias + "'; did you mean " + String.join(", ",
                    closest(idOrAlias, 3)) + "? ('brainalign benchmarks' lists all " + ids().size() + ")");
        }
        return target;
    }

    /**
     * The {@code n} known ids and aliases closest to {@code name}, closest first: a case-insensitive
     * edit distance in which characters the id has beyond the name cost a quarter (so "Pereira2019-ridge"
     * is near "Pereira2018.243sentences-ridge", not "Blank2014-ridge").
     */
    public static List<String> closest(String name, int n) {
        List<String> known = new java.util.ArrayList<>(ids());
        known.addAll(ALIASES.keySet());
        String q = name.toLowerCase(java.util.Locale.ROOT);
        return known.stream().distinct()
                .sorted(java.util.Comparator.comparingInt((String k) -> editDistance(q, k.toLowerCase(java.util.Locale.ROOT)))
                        .thenComparing(k -> k))
                .limit(n).toList();
    }

    /** Edit distance from {@code a} to {@code b}, in quarters ({@link org.brainalign.core.text.EditDistance#quarters}). */
    static int editDistance(String a, String b) {
        return org.brainalign.core.text.EditDistance.quarters(a, b);
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
