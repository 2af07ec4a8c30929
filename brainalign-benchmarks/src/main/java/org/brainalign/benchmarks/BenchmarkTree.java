package org.brainalign.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The leaderboard's tree of scores, as Brain-Score Language's web site builds it: leaves are the
 * registered benchmarks, each placed under its own {@link Benchmark#parent()}; the inner nodes are
 * the aggregates declared here ({@link #AGGREGATES}, each with its parent; null for a root). A node's
 * score is the mean of its children. The tree is built from {@link BenchmarkRegistry}, so a benchmark
 * id is never spelled a second time, and building fails when a parent names no aggregate (a typo would
 * otherwise silently drop a benchmark from the ranking).
 */
public final class BenchmarkTree {
    /** Aggregate node → its parent (null: a root), in display order. */
    public static final Map<String, String> AGGREGATES = aggregates();

    /** The node the leaderboard ranks by. */
    public static final String RANKING_ROOT = "average_language";

    /** A node: an aggregate with children, or a leaf benchmark id. */
    public record Node(String id, List<Node> children) {
        public Node {
            children = List.copyOf(children);
        }

        public static Node leaf(String id) {
            return new Node(id, List.of());
        }

        public boolean isLeaf() {
            return children.isEmpty();
        }

        /** Every leaf id under this node, depth first. */
        public List<String> leaves() {
            List<String> out = new ArrayList<>();
            collect(this, out);
            return out;
        }

        private static void collect(Node n, List<String> out) {
            if (n.isLeaf()) {
                out.add(n.id());
            }
            for (Node c : n.children()) {
                collect(c, out);
            }
        }
    }

    private BenchmarkTree() {}

    private static Map<String, String> aggregates() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("average_language", null);
        m.put("neural_language", "average_language");
        m.put("Pereira2018", "neural_language"); // the mean of 243 & 384 sentences x linear & ridge
        m.put("behavior", "average_language");
        m.put("engineering_language", null);
        m.put("SyntaxGym", "engineering_language");
        return java.util.Collections.unmodifiableMap(m);
    }

    /** The roots (BSL's language tree and the engineering tree) over every registered benchmark. */
    public static List<Node> roots() {
        return build(BenchmarkRegistry.all());
    }

    /**
     * The roots over {@code benchmarks}: each placed under its parent (skipped when it has none), each
     * aggregate under its own; an unknown parent is an error naming the benchmark.
     */
    public static List<Node> build(List<Benchmark> benchmarks) {
        Map<String, List<String>> children = new LinkedHashMap<>();
        AGGREGATES.keySet().forEach(a -> children.put(a, new ArrayList<>()));
        AGGREGATES.forEach((node, parent) -> {
            if (parent != null) {
                children.get(parent).add(node);
            }
        });
        for (Benchmark b : benchmarks) {
            if (b.parent() == null) {
                continue;
            }
            List<String> siblings = children.get(b.parent());
            if (siblings == null) {
                throw new IllegalStateException("benchmark " + b.id() + " names parent '" + b.parent()
                        + "', which is no leaderboard node; nodes: " + AGGREGATES.keySet());
            }
            siblings.add(b.id());
        }
        List<Node> roots = new ArrayList<>();
        AGGREGATES.forEach((node, parent) -> {
            if (parent == null) {
                roots.add(node(node, children));
            }
        });
        return roots;
    }

    private static Node node(String id, Map<String, List<String>> children) {
        List<String> kids = children.get(id);
        if (kids == null) {
            return Node.leaf(id);
        }
        if (kids.isEmpty()) {
            throw new IllegalStateException("leaderboard node '" + id + "' has no benchmark under it");
        }
        return new Node(id, kids.stream().map(k -> node(k, children)).toList());
    }
}
