package org.brainalign.app.leaderboard;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.brainalign.app.store.ResultsStore;
import org.brainalign.benchmarks.Benchmark;
import org.brainalign.benchmarks.BenchmarkRegistry;
import org.brainalign.benchmarks.BenchmarkTree;
import org.brainalign.benchmarks.BenchmarkTree.Node;
import org.brainalign.core.subject.Needs;

/**
 * Ranks models as the Brain-Score Language leaderboard does (brain-score.web): benchmark scores
 * (ceiling-normalised where there is a ceiling, raw otherwise; the model's best layer, BSL's max over
 * layers, as {@code score} and the compare page report) are the leaves of the tree that
 * {@link BenchmarkTree} builds from the benchmarks' own parents; a parent's score is the arithmetic
 * mean of its children with a child not scored counted as 0 (NaN when none is scored); models are
 * ranked by {@code average_language} = mean(neural_language, behavior). {@code engineering}
 * (SyntaxGym, next-word accuracy) is a separate root that does not enter the average.
 *
 * <p>A part a model cannot run by its kind (word vectors have no surprisal, so no Futrell2018; the
 * store records each model's limits when it is scored) is n/a, never a 0: it leaves the means it
 * belongs to, and such a model is ranked in a separate table by the mean of what it can run
 * ({@link #RULE}). Every node of the ranked tree is a column ({@link #columns()}).
 */
public final class Leaderboard {
    /** One model's row: its score at every node of the tree, by node id, and the nodes it cannot run. */
    public record Row(ResultsStore.ModelKey model, Map<String, Double> scores, Map<String, int[]> missing, Set<String> notApplicable,
            Map<String, String> limits) {
        public Row(ResultsStore.ModelKey model, Map<String, Double> scores) {
            this(model, scores, Map.of(), Set.of(), Map.of());
        }

        public double score(String node) {
            return scores.getOrDefault(node, Double.NaN);
        }

        /** For a parent scored with some of the children it can run missing (counted as 0): {missing, children}; else null. */
        public int[] missingChildren(String node) {
            return missing.get(node);
        }

        /** Whether the model cannot run this node by its kind (every benchmark under it needs what the model lacks). */
        public boolean notApplicable(String node) {
            return notApplicable.contains(node);
        }

        /** Whether the model can run every ranked benchmark (it is then ranked with BSL's rule in the main table). */
        public boolean complete() {
            return RANKED_LEAVES.stream().noneMatch(notApplicable::contains);
        }
    }

    /**
     * A column: a node of the tree, the node it averages into (its group; empty for a root) and its
     * depth (0 for a root).
     */
    public record Column(String id, String parent, int depth) {}

    /** The rule, as the pages and the command line state it. */
    public static final String RULE = "Ranked by average_language = mean(neural_language, behavior), as Brain-Score Language "
            + "ranks: a benchmark's score is the model's best layer (ceiling-normalised where there is a ceiling); a parent is "
            + "the mean of its parts, and a part not scored counts as 0 (k/n marks how many). A part the model cannot run by its "
            + "kind (word vectors have no surprisal) is n/a, never a 0: such a model is ranked in a separate table, by the mean "
            + "of the parts it can run. engineering_language is shown but not ranked.";

    private static final List<String> RANKED_LEAVES = BenchmarkTree.roots().stream()
            .filter(r -> r.id().equals(BenchmarkTree.RANKING_ROOT)).findFirst().orElseThrow().leaves();

    private Leaderboard() {}

    /**
     * The columns, in order: every node of the ranked tree depth first (each part beside its group),
     * then the engineering root and its direct children (SyntaxGym's 31 suites are on the model page).
     */
    public static List<Column> columns() {
        List<Column> out = new ArrayList<>();
        for (Node root : BenchmarkTree.roots()) {
            if (root.id().equals(BenchmarkTree.RANKING_ROOT)) {
                addAll(root, "", 0, out);
            } else {
                out.add(new Column(root.id(), "", 0));
                root.children().forEach(c -> out.add(new Column(c.id(), root.id(), 1)));
            }
        }
        return out;
    }

    private static void addAll(Node node, String parent, int depth, List<Column> out) {
        out.add(new Column(node.id(), parent, depth));
        node.children().forEach(c -> addAll(c, node.id(), depth + 1, out));
    }

    /** The column ids, in order. */
    public static List<String> columnIds() {
        return columns().stream().map(Column::id).toList();
    }

    /** Every model in the store, ranked by {@code average_language} over the registry's tree ({@link BenchmarkTree}). */
    public static List<Row> rankBsl(ResultsStore store) {
        return rankBsl(store, false);
    }

    /** Every model's scores on real or on simulated recordings (never both), ranked as {@link #rankBsl(ResultsStore)}. */
    public static List<Row> rankBsl(ResultsStore store, boolean simulated) {
        return rank(store.benchmarkResults(simulated), store.limits(), BenchmarkTree.roots(), BenchmarkTree.RANKING_ROOT);
    }

    /** The ranked rows as CSV: rank, table (ranked or ranked-separately), model, checkpoint and every column (empty where NaN, n/a where the model cannot run it). */
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
        List<String> columns = columnIds();
        StringBuilder b = new StringBuilder("rank,table,model,checkpoint," + String.join(",", columns) + "\n");
        int[] rank = new int[2];
        for (Row r : rows) {
            int t = r.complete() ? 0 : 1;
            b.append(++rank[t]).append(',').append(t == 0 ? "ranked" : "ranked-separately").append(',')
                    .append(csvCell(r.model().model())).append(',').append(csvCell(r.model().checkpoint()));
            for (String c : columns) {
                double v = r.score(c);
                b.append(',').append(r.notApplicable(c) ? "n/a" : Double.isNaN(v) ? "" : Double.toString(v));
            }
            b.append('\n');
        }
        return b.toString();
    }

    /** Rows for every model in the results (limits as recorded by the store: "model|checkpoint" to parts it lacks), ranked. */
    public static List<Row> rank(List<ResultsStore.BenchmarkResult> results, Map<String, Map<String, String>> limits, List<Node> roots,
            String rankBy) {
        Map<String, Needs> needs = new LinkedHashMap<>();
        for (Benchmark b : BenchmarkRegistry.all()) {
            needs.put(b.id(), b.needs());
        }
        Map<ResultsStore.ModelKey, Map<String, Double>> leaves = new LinkedHashMap<>();
        for (ResultsStore.BenchmarkResult r : results) {
            leaves.computeIfAbsent(r.model(), k -> new LinkedHashMap<>()).put(r.benchmark(), r.normalized());
        }
        List<Row> rows = new ArrayList<>();
        for (var e : leaves.entrySet()) {
            Map<String, String> lacks = limits.getOrDefault(e.getKey().model() + "|" + e.getKey().checkpoint(), Map.of());
            Set<String> na = new HashSet<>();
            Map<String, Double> scores = new LinkedHashMap<>();
            for (Node root : roots) {
                aggregate(root, e.getValue(), leaf -> needs.containsKey(leaf)
                        && needs.get(leaf).parts().stream().anyMatch(lacks::containsKey), scores, na);
            }
            Map<String, int[]> missing = new LinkedHashMap<>();
            for (Node root : roots) {
                countMissing(root, scores, na, missing);
            }
            rows.add(new Row(e.getKey(), scores, missing, Set.copyOf(na), Map.copyOf(lacks)));
        }
        rows.sort(Comparator.comparing((Row r) -> !r.complete())
                .thenComparing(Comparator.comparingDouble((Row r) -> Double.isNaN(r.score(rankBy)) ? Double.NEGATIVE_INFINITY
                        : r.score(rankBy)).reversed())
                .thenComparing(r -> r.model().model()));
        return rows;
    }

    /** Rows without recorded limits (every part applicable), ranked: BSL's rule alone. */
    public static List<Row> rank(List<ResultsStore.BenchmarkResult> results, List<Node> roots, String rankBy) {
        return rank(results, Map.of(), roots, rankBy);
    }

    /** Records, for every scored parent with unscored applicable children, how many of those are missing. */
    private static void countMissing(Node node, Map<String, Double> scores, Set<String> na, Map<String, int[]> out) {
        if (node.isLeaf()) {
            return;
        }
        int absent = 0;
        int applicable = 0;
        for (Node child : node.children()) {
            if (!na.contains(child.id())) {
                applicable++;
                absent += Double.isNaN(scores.getOrDefault(child.id(), Double.NaN)) ? 1 : 0;
            }
            countMissing(child, scores, na, out);
        }
        if (absent > 0 && !Double.isNaN(scores.getOrDefault(node.id(), Double.NaN))) {
            out.put(node.id(), new int[] {absent, applicable});
        }
    }

    /**
     * The node's score — the mean over the children the model can run, a missing one counted as 0
     * (NaN when none is scored) — recording every node's score and the nodes it cannot run at all.
     */
    static double aggregate(Node node, Map<String, Double> leafScores, java.util.function.Predicate<String> cannotRun,
            Map<String, Double> out, Set<String> na) {
        if (node.isLeaf()) {
            if (cannotRun.test(node.id())) {
                na.add(node.id());
                out.put(node.id(), Double.NaN);
                return Double.NaN;
            }
            double v = leafScores.getOrDefault(node.id(), Double.NaN);
            out.put(node.id(), v);
            return v;
        }
        double sum = 0;
        boolean any = false;
        int applicable = 0;
        for (Node child : node.children()) {
            double v = aggregate(child, leafScores, cannotRun, out, na);
            if (na.contains(child.id())) {
                continue;
            }
            applicable++;
            if (!Double.isNaN(v)) {
                sum += v;
                any = true;
            }
        }
        if (applicable == 0) {
            na.add(node.id());
        }
        double score = any ? sum / applicable : Double.NaN;
        out.put(node.id(), score);
        return score;
    }
}
