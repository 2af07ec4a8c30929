package org.brainalign.app.leaderboard;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.brainalign.app.plot.Chart;
import org.brainalign.app.plot.DotChart;
import org.brainalign.app.plot.LayerChart;
import org.brainalign.app.plot.ScatterChart;
import org.brainalign.app.store.ResultsStore;
import org.brainalign.app.store.ResultsStore.LayerRow;
import org.brainalign.app.store.ResultsStore.ModelKey;

/**
 * The charts of a results store, for the pages and the offline reports alike: per benchmark, a
 * layer chart when models were scored per layer, a dot-and-interval chart across models when each
 * has one score (Futrell2018, SyntaxGym suites), and the brain-score vs perplexity scatter when any
 * model has both. What cannot be plotted is said in words ({@link #NO_PERPLEXITY}).
 */
final class StoreCharts {
    /** Said instead of an empty scatter. */
    static final String NO_PERPLEXITY = "No model in this store has both a next-word perplexity and a brain benchmark that every "
            + "model with a perplexity was scored on: run brainalign score --benchmark Wikitext-accuracy (or nextword:<file>) and "
            + "the same brain benchmarks for the models to place on the brain score vs perplexity scatter.";

    private StoreCharts() {}

    /** Every benchmark's rows per model (models in the order given), benchmarks sorted by id. */
    static Map<String, Map<ModelKey, List<LayerRow>>> byBenchmark(ResultsStore store, List<ModelKey> models) {
        Map<String, Map<ModelKey, List<LayerRow>>> out = new TreeMap<>();
        for (ModelKey m : models) {
            for (LayerRow r : store.layerRows(m)) {
                out.computeIfAbsent(r.benchmark(), k -> new LinkedHashMap<>()).computeIfAbsent(m, k -> new ArrayList<>()).add(r);
            }
        }
        return out;
    }

    /** The y-axis title: what the plotted number is for these rows. */
    static String yTitle(Iterable<List<LayerRow>> rows) {
        boolean any = false;
        boolean all = true;
        boolean intervals = false;
        for (List<LayerRow> rs : rows) {
            for (LayerRow r : rs) {
                boolean has = Double.isFinite(r.ceiling());
                any |= has;
                all &= has;
                intervals |= Double.isFinite(r.ciLow()) && Double.isFinite(r.ciHigh());
            }
        }
        // "95% CI" only where an interval is drawn (next-word accuracy has none).
        String ci = intervals ? " (95% CI)" : " (no interval)";
        return (all ? "score / ceiling" : any ? "score / ceiling, raw where none" : "raw score, no ceiling") + ci;
    }

    /** Whether every model has exactly one score on this benchmark. */
    static boolean singleScore(Map<ModelKey, List<LayerRow>> rows) {
        return rows.values().stream().allMatch(r -> r.size() == 1);
    }

    /**
     * The chart of one benchmark. With {@code only} set, a per-layer benchmark shows that model alone
     * and a single-score benchmark shows every model with that one highlighted.
     */
    static Chart benchmark(String benchmark, Map<ModelKey, List<LayerRow>> rows, ModelKey only) {
        String y = yTitle(rows.values());
        if (singleScore(rows)) {
            List<DotChart.Dot> dots = new ArrayList<>();
            int highlight = -1;
            for (var e : rows.entrySet()) {
                LayerRow r = e.getValue().getFirst();
                if (e.getKey().equals(only)) {
                    highlight = dots.size();
                }
                dots.add(new DotChart.Dot(e.getKey().model(), r.layer(), r.normalized(), r.ciLow(), r.ciHigh()));
            }
            return new DotChart(benchmark + " (one score per model)", y, dots, highlight);
        }
        List<LayerChart.Series> series = new ArrayList<>();
        for (var e : rows.entrySet()) {
            if (only == null || e.getKey().equals(only)) {
                List<LayerRow> rs = e.getValue();
                series.add(new LayerChart.Series(e.getKey().model(), rs.stream().map(LayerRow::layer).toList(),
                        rs.stream().mapToDouble(LayerRow::normalized).toArray(), rs.stream().mapToDouble(LayerRow::ciLow).toArray(),
                        rs.stream().mapToDouble(LayerRow::ciHigh).toArray()));
            }
        }
        return new LayerChart(benchmark + " per layer", y, series);
    }

    /** One chart per benchmark over all the store's models on real recordings. */
    static List<Chart> benchmarks(ResultsStore store) {
        List<Chart> out = new ArrayList<>();
        byBenchmark(store, store.models()).forEach((b, rows) -> out.add(benchmark(b, rows, null)));
        return out;
    }

    /**
     * The brain score vs perplexity scatter, if any model has both. The brain score is the mean of the
     * best-layer scores of the brain benchmarks (neural and reading-time ones, not next-word or
     * SyntaxGym) that every model with a perplexity was scored on, named on the axis — not
     * average_language, which a model scored on one benchmark of nine would show diluted by eight zeros.
     */
    static Optional<Chart> scatter(ResultsStore store, List<Leaderboard.Row> ranked) {
        // In the store's model order, as in the other charts, so that each model keeps its colour.
        List<Leaderboard.Row> rows = new ArrayList<>(ranked);
        List<ModelKey> order = store.models();
        rows.sort(java.util.Comparator.comparingInt(r -> order.indexOf(r.model())));
        Map<ModelKey, Map<String, Double>> best = new java.util.HashMap<>();
        java.util.Set<String> engineering = engineeringLeaves();
        for (ResultsStore.BenchmarkResult r : store.benchmarkResults()) {
            String b = r.benchmark();
            if (!(b.startsWith(org.brainalign.benchmarks.BenchmarkRegistry.NEXT_WORD_PREFIX) || b.equals("SyntaxGym2020")
                    || engineering.contains(b))) {
                best.computeIfAbsent(r.model(), k -> new java.util.TreeMap<>()).put(r.benchmark(), r.normalized());
            }
        }
        java.util.Set<String> common = null;
        for (Leaderboard.Row r : rows) {
            double ppl = store.perplexity(r.model());
            if (ppl > 0 && Double.isFinite(ppl)) {
                java.util.Set<String> mine = new java.util.TreeSet<>(best.getOrDefault(r.model(), Map.of()).keySet());
                if (common == null) {
                    common = mine;
                } else {
                    common.retainAll(mine);
                }
            }
        }
        if (common == null || common.isEmpty()) {
            return Optional.empty();
        }
        List<String> benchmarks = List.copyOf(common);
        List<ScatterChart.Point> points = new ArrayList<>();
        for (Leaderboard.Row r : rows) {
            Map<String, Double> mine = best.getOrDefault(r.model(), Map.of());
            double sum = 0;
            boolean all = true;
            for (String b : benchmarks) {
                Double v = mine.get(b);
                all &= v != null && Double.isFinite(v);
                sum += v == null ? Double.NaN : v;
            }
            points.add(new ScatterChart.Point(r.model().model(), store.perplexity(r.model()), all ? sum / benchmarks.size() : Double.NaN));
        }
        String y = benchmarks.size() == 1 ? benchmarks.getFirst() + " (best layer)"
                : "mean of " + benchmarks.size() + " benchmarks (best layers)";
        if (points.stream().noneMatch(p -> p.x() > 0 && Double.isFinite(p.x()) && Double.isFinite(p.y()))) {
            return Optional.empty();
        }
        String title = "Brain score vs next-word perplexity" + (benchmarks.size() == 1 ? "" : ": " + String.join(", ", benchmarks));
        return Optional.of(new ScatterChart(title, "word perplexity", y, points));
    }

    /**
     * The leaves outside the ranked tree: benchmarks of language modelling, not the brain (SyntaxGym's
     * suites, next-word accuracy); with nextword:<file> and SyntaxGym2020 they stay off the scatter.
     */
    private static java.util.Set<String> engineeringLeaves() {
        return org.brainalign.benchmarks.BenchmarkTree.roots().stream()
                .filter(r -> !r.id().equals(org.brainalign.benchmarks.BenchmarkTree.RANKING_ROOT))
                .flatMap(r -> r.leaves().stream()).collect(java.util.stream.Collectors.toSet());
    }
}
