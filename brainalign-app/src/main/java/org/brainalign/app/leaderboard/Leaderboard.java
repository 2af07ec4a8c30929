package org.brainalign.app.leaderboard;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.brainalign.app.store.ResultsStore;
import org.brainalign.benchmarks.BenchmarkTree;
import org.brainalign.benchmarks.BenchmarkTree.Node;

/**
 * Ranks models as the Brain-Score Language leaderboard does (brain-score.web): benchmark scores
 * (ceiling-normalised where there is a ceiling, raw otherwise; here the mean over the model's scored
 * layers) are the leaves of the tree that {@link BenchmarkTree} builds from the benchmarks' own
 * parents; a parent's score is the arithmetic mean of its children with a
 * missing child counted as 0 (NaN when all are missing); models are ranked by
 * {@code average_language} = mean(neural_language, behavior). {@code engineering} (SyntaxGym,
 * next-word accuracy) is a separate root that does not enter the average.
 */
public final class Leaderboard {
    /** One model's row: its score at every node of the tree, by node id. */
    public record Row(ResultsStore.ModelKey model, Map<String, Double> scores, Map<String, int[]> missing) {
        public Row(ResultsStore.ModelKey model, Map<String, Double> scores) {
            this(model, scores, Map.of());
        }

        public double score(String node) {
            return scores.getOrDefault(node, Double.NaN);
        }

        /** For a parent scored with some children missing (counted as 0): {missing, children}; else null. */
        public int[] missingChildren(String node) {
            return missing.get(node);
        }
    }

    /** The columns shown for every model (roots, groups and the main benchmarks), in order. */
    public static final List<String> COLUMNS = List.of("average_language", "neural_language", "behavior",
            "engineering_language", "Pereira2018-linear", "Blank2014-linear-shuffle", "Blank2014-ridge",
            "Fedorenko2016-linear-shuffle", "Fedorenko2016-ridge", "Tuckute2024-ridge", "Futrell2018-pearsonr", "SyntaxGym",
            "Wikitext-accuracy");

    private Leaderboard() {}

    /** Every model in the store, ranked by {@code average_language} over the registry's tree ({@link BenchmarkTree}). */
    public static List<Row> rankBsl(ResultsStore store) {
        return rankBsl(store, false);
    }

    /** Every model's scores on real or on simulated recordings (never both), ranked as {@link #rankBsl(ResultsStore)}. */
    public static List<Row> rankBsl(ResultsStore store, boolean simulated) {
        return rank(store.benchmarkResults(simulated), BenchmarkTree.roots(), BenchmarkTree.RANKING_ROOT);
    }

    /** The ranked rows as CSV: rank, model, checkpoint and the {@link #COLUMNS} (empty where NaN). */
    /**
     * One CSV cell: a text that a spreadsheet would read as a formula (starting with = + - @, tab or
     * carriage return) gets a leading apostrophe, and a cell with a comma, quote or line break is quoted.
     */
    public static String csvCell(String text) {
        String t = text;
        if (!t.isEmpty() && "=+-@\t\r".indexOf(t.charAt(0)) >= 0) {
            t = "'" + t;
        }
        return t.contains(",") || t.contains("\"") || t.contains("\n") || t.contains("\r") ? "\"" + t.replace("\"", "\"\"") + "\"" : t;
    }

    public static String csv(List<Row> rows) {
        StringBuilder b = new StringBuilder("rank,model,checkpoint," + String.join(",", COLUMNS) + "\n");
        int rank = 0;
        for (Row r : rows) {
            b.append(++rank).append(',').append(csvCell(r.model().model())).append(',').append(csvCell(r.model().checkpoint()));
            for (String c : COLUMNS) {
                double v = r.score(c);
                b.append(',').append(Double.isNaN(v) ? "" : Double.toString(v));
            }
            b.append('\n');
        }
        return b.toString();
    }

    /** Rows for every model in the results, ranked by {@code rankBy} (descending, NaN last). */
    public static List<Row> rank(List<ResultsStore.BenchmarkResult> results, List<Node> roots, String rankBy) {
        Map<ResultsStore.ModelKey, Map<String, Double>> leaves = new LinkedHashMap<>();
        for (ResultsStore.BenchmarkResult r : results) {
            leaves.computeIfAbsent(r.model(), k -> new LinkedHashMap<>()).put(r.benchmark(), r.normalized());
        }
        List<Row> rows = new ArrayList<>();
        for (var e : leaves.entrySet()) {
            Map<String, Double> scores = new LinkedHashMap<>();
            for (Node root : roots) {
                aggregate(root, e.getValue(), scores);
            }
            Map<String, int[]> missing = new LinkedHashMap<>();
            for (Node root : roots) {
                countMissing(root, scores, missing);
            }
            rows.add(new Row(e.getKey(), scores, missing));
        }
        rows.sort(Comparator.comparingDouble((Row r) -> Double.isNaN(r.score(rankBy)) ? Double.NEGATIVE_INFINITY : r.score(rankBy))
                .reversed().thenComparing(r -> r.model().model()));
        return rows;
    }

    /** Records, for every scored parent with unscored children, how many of its children are missing. */
    private static void countMissing(Node node, Map<String, Double> scores, Map<String, int[]> out) {
        if (node.isLeaf()) {
            return;
        }
        int absent = 0;
        for (Node child : node.children()) {
            absent += Double.isNaN(scores.getOrDefault(child.id(), Double.NaN)) ? 1 : 0;
            countMissing(child, scores, out);
        }
        if (absent > 0 && !Double.isNaN(scores.getOrDefault(node.id(), Double.NaN))) {
            out.put(node.id(), new int[] {absent, node.children().size()});
        }
    }

    /** The node's score (NaN when it and all its descendants are missing); records every node's score. */
    static double aggregate(Node node, Map<String, Double> leafScores, Map<String, Double> out) {
        if (node.isLeaf()) {
            double v = leafScores.getOrDefault(node.id(), Double.NaN);
            out.put(node.id(), v);
            return v;
        }
        double sum = 0;
        boolean any = false;
        for (Node child : node.children()) {
            double v = aggregate(child, leafScores, out);
            if (!Double.isNaN(v)) {
                sum += v;
                any = true;
            }
        }
        double score = any ? sum / node.children().size() : Double.NaN;
        out.put(node.id(), score);
        return score;
    }
}
