package org.brainalign.app.leaderboard;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.brainalign.app.plot.DotChart;
import org.brainalign.app.store.ResultsStore;
import org.brainalign.app.store.ResultsStore.ModelKey;
import org.brainalign.core.score.Bootstrap;
import org.brainalign.core.score.LayerScore;
import org.brainalign.core.score.Score;

/**
 * Models side by side, benchmark by benchmark: each model's best layer (by normalised score, ties
 * as in {@link Score#best}) with its interval, and for every pair the paired bootstrap over the
 * stored split × neuroid matrices that {@code brainalign compare} runs (same seed 0, so the same
 * difference, interval and p-value).
 */
final class Comparisons {
    /** One model's best layer on a benchmark. */
    record Entry(ModelKey model, LayerScore best) {}

    /** A pair's paired bootstrap, or why there is none ({@code result} null). */
    record Pair(Entry a, Entry b, Bootstrap.Comparison result, String whyNot) {}

    /** One benchmark's comparison; {@code ceiling} whether the benchmark divides by a ceiling (else scores are raw). */
    record Benchmark(String id, List<Entry> entries, List<Pair> pairs, boolean ceiling) {
        DotChart chart() {
            List<DotChart.Dot> dots = entries.stream().map(e -> new DotChart.Dot(e.model().model(), e.best().layer(),
                    e.best().normalized(), e.best().normalizedInterval().lower(), e.best().normalizedInterval().upper())).toList();
            return new DotChart(id + " (best layer of each model)", ceiling ? "score / ceiling at the best layer (95% CI)"
                    : "raw score at the best layer, no ceiling (95% CI)", dots, -1);
        }
    }

    private Comparisons() {}

    /** Every benchmark that at least two of the models were scored on (real recordings, latest version). */
    static List<Benchmark> of(ResultsStore store, List<ModelKey> models) {
        Map<String, Map<ModelKey, Integer>> versions = new TreeMap<>();
        for (ResultsStore.BenchmarkResult r : store.benchmarkResults()) {
            if (models.contains(r.model())) {
                versions.computeIfAbsent(r.benchmark(), k -> new LinkedHashMap<>()).put(r.model(), r.version());
            }
        }
        List<Benchmark> out = new ArrayList<>();
        for (var e : versions.entrySet()) {
            List<Entry> entries = new ArrayList<>();
            boolean ceiling = true;
            for (ModelKey m : models) {
                Integer v = e.getValue().get(m);
                if (v != null) {
                    List<String> layers = List.copyOf(store.layersDone(m, e.getKey(), v));
                    LayerScore best = Score.best(store.layerScores(m, e.getKey(), v, layers));
                    if (best != null) {
                        entries.add(new Entry(m, best));
                        ceiling &= Double.isFinite(store.ceiling(m, e.getKey(), v).value());
                    }
                }
            }
            if (entries.size() < 2) {
                continue;
            }
            List<Pair> pairs = new ArrayList<>();
            for (int i = 0; i < entries.size(); i++) {
                for (int j = i + 1; j < entries.size(); j++) {
                    pairs.add(pair(entries.get(i), entries.get(j)));
                }
            }
            out.add(new Benchmark(e.getKey(), entries, pairs, ceiling));
        }
        return out;
    }

    private static Pair pair(Entry a, Entry b) {
        double[][] ma = a.best().splitByNeuroid();
        double[][] mb = b.best().splitByNeuroid();
        if (ma == null || mb == null || ma.length == 0 || mb.length == 0) {
            return new Pair(a, b, null, "no split × neuroid scores stored");
        }
        if (ma.length != mb.length || ma[0].length != mb[0].length) {
            return new Pair(a, b, null, "different splits or neuroids (" + ma.length + "×" + ma[0].length + " vs " + mb.length + "×"
                    + mb[0].length + ")");
        }
        if (ma[0].length == 1 && ma.length < 2) {
            return new Pair(a, b, null, "one score per model, nothing to resample");
        }
        return new Pair(a, b, Bootstrap.compare(ma, mb, 0), null);
    }
}
