package org.brainalign.app.leaderboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.brainalign.app.store.ResultsStore;
import org.brainalign.app.store.ResultsStore.BenchmarkResult;
import org.brainalign.app.store.ResultsStore.ModelKey;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.brainalign.benchmarks.Benchmark;
import org.brainalign.benchmarks.BenchmarkRegistry;
import org.brainalign.benchmarks.BenchmarkTree;
import org.brainalign.benchmarks.Provenance;
import org.brainalign.core.ceiling.Ceiling;
import org.brainalign.core.score.Score;
import org.brainalign.core.subject.Subject;
import org.junit.jupiter.api.Test;

/** BSL's aggregation computed by hand: parent = mean of children, a missing child counts 0. */
class LeaderboardTest {
    private static final ModelKey A = new ModelKey("a", "generated");
    private static final ModelKey B = new ModelKey("b", "generated");

    static BenchmarkResult r(ModelKey m, String benchmark, double normalized) {
        return new BenchmarkResult(m, benchmark, 1, normalized, normalized, 1);
    }

    @Test
    void parentsAreMeansWithMissingChildrenAsZeroAndModelsRankByTheAverage() {
        List<ResultsStore.BenchmarkResult> results = List.of(
                r(A, "Pereira2018.243sentences-linear-shuffle", 0.8), r(A, "Pereira2018.384sentences-linear-shuffle", 0.6),
                r(A, "Blank2014-ridge", 0.3), r(A, "Futrell2018-pearsonr", 0.4), r(A, "syntaxgym-cleft", 1.0),
                r(B, "Futrell2018-pearsonr", 0.9));
        // The registry's tree with two SyntaxGym suites instead of 31.
        List<Benchmark> twoSuites = BenchmarkRegistry.all().stream().filter(x -> !x.id().startsWith("syntaxgym-")
                || x.id().equals("syntaxgym-cleft") || x.id().equals("syntaxgym-mvrr")).toList();
        List<BenchmarkTree.Node> tree = BenchmarkTree.build(twoSuites);
        List<Leaderboard.Row> rows = Leaderboard.rank(results, tree, "average_language");
        Leaderboard.Row a = rows.stream().filter(x -> x.model().equals(A)).findFirst().orElseThrow();
        // Pereira parent: (0.8 + 0.6 + 0 + 0) / 4; neural: (0.35 + 0.3 + 0 x 6) / 8 (Tuckute2024-rdm, NaN on one
        // neuroid for every model, is not ranked); behaviour 0.4.
        assertThat(a.score("Pereira2018")).isCloseTo(0.35, within(1e-12));
        assertThat(a.score("neural_language")).isCloseTo(0.65 / 8, within(1e-12));
        assertThat(a.score("behavior")).isCloseTo(0.4, within(1e-12));
        assertThat(a.score("average_language")).isCloseTo((0.65 / 8 + 0.4) / 2, within(1e-12));
        // Engineering is its own root: SyntaxGym (1.0 + 0) / 2, then (missing Wikitext 0 + 0.5) / 2.
        assertThat(a.score("SyntaxGym")).isCloseTo(0.5, within(1e-12));
        assertThat(a.score("engineering_language")).isCloseTo(0.25, within(1e-12));
        Leaderboard.Row b = rows.stream().filter(x -> x.model().equals(B)).findFirst().orElseThrow();
        assertThat(b.score("neural_language")).isNaN();
        assertThat(b.score("average_language")).isCloseTo(0.45, within(1e-12));
        // B (0.45) ranks above A (0.236).
        assertThat(rows).extracting(Leaderboard.Row::model).containsExactly(B, A);
        // What counted as 0 is said: Pereira 2 of its 4 children, SyntaxGym 1 of 2; B's neural_language is unscored.
        assertThat(a.missingChildren("Pereira2018")).containsExactly(2, 4);
        assertThat(a.missingChildren("SyntaxGym")).containsExactly(1, 2);
        assertThat(a.missingChildren("behavior")).isNull();
        assertThat(b.missingChildren("neural_language")).isNull();
        assertThat(b.missingChildren("average_language")).containsExactly(1, 2);
    }

    /**
     * The case: GloVe (0.217 on Tuckute2024) cannot run Futrell2018 by its kind; that part is
     * n/a, not a 0, and GloVe is ranked apart from the untrained distilgpt2 (0.182 on Tuckute2024,
     * Futrell2018 0.3), whose table keeps BSL's rule.
     */
    @Test
    void aPartAModelCannotRunIsNotApplicableNotAZeroAndTheModelIsRankedApart() {
        ModelKey glove = new ModelKey("glove:glove.6B.100d.subset.txt", "sha256:1");
        ModelKey untrained = new ModelKey("untrained:distilgpt2@0", "generated");
        List<ResultsStore.BenchmarkResult> results = List.of(r(glove, "Tuckute2024-ridge", 0.217), r(untrained, "Tuckute2024-ridge", 0.182),
                r(untrained, "Futrell2018-pearsonr", 0.3));
        Map<String, Map<String, String>> limits = Map.of(glove.model() + "|" + glove.checkpoint(),
                Map.of("surprisal (next-word probabilities)", "GloVe has no language-model head",
                        "next-word predictions", "GloVe has no language-model head"));
        List<Leaderboard.Row> rows = Leaderboard.rank(results, limits, BenchmarkTree.roots(), "average_language");
        assertThat(rows).extracting(Leaderboard.Row::model).containsExactly(untrained, glove);
        Leaderboard.Row g = rows.get(1);
        Leaderboard.Row u = rows.get(0);
        assertThat(u.complete()).isTrue();
        assertThat(g.complete()).isFalse();
        assertThat(g.notApplicable("Futrell2018-pearsonr")).isTrue();
        assertThat(g.notApplicable("behavior")).isTrue();
        assertThat(g.notApplicable("Wikitext-accuracy")).isTrue();
        assertThat(g.notApplicable("neural_language")).isFalse();
        // neural_language: 0.217 / 8 for GloVe; its average is over what it can run, neural_language alone.
        assertThat(g.score("neural_language")).isCloseTo(0.217 / 8, within(1e-12));
        assertThat(g.score("average_language")).isCloseTo(0.217 / 8, within(1e-12));
        assertThat(g.missingChildren("average_language")).isNull();
        // The untrained model by BSL's rule: (0.182 / 8 + 0.3) / 2.
        assertThat(u.score("average_language")).isCloseTo((0.182 / 8 + 0.3) / 2, within(1e-12));
        assertThat(Leaderboard.csv(rows)).contains("1,ranked,untrained:distilgpt2@0").contains("1,ranked-separately,glove:")
                .contains(",n/a,");
    }

    @Test
    void everyColumnIsANodeOfTheRankedTreeOrTheEngineeringRootAndNamesWhatItAverages() {
        List<Leaderboard.Column> columns = Leaderboard.columns();
        assertThat(columns).extracting(Leaderboard.Column::id).contains("Tuckute2024-linear", "Tuckute2024-cka",
                "Pereira2018.243sentences-ridge", "Pereira2018", "behavior").doesNotContain("Tuckute2024-rdm", "Pereira2018-linear");
        assertThat(columns).filteredOn(c -> c.id().startsWith("Pereira2018.")).extracting(Leaderboard.Column::parent)
                .containsOnly("Pereira2018");
        List<String> ranked = BenchmarkTree.roots().getFirst().leaves();
        assertThat(columns).extracting(Leaderboard.Column::id).containsAll(ranked);
    }

    @Test
    void everyLeafResolvesToARegisteredBenchmarkAndEveryRankedBenchmarkIsALeaf() {
        List<BenchmarkTree.Node> roots = BenchmarkTree.roots();
        Set<String> leaves = new HashSet<>();
        Set<String> nodes = new HashSet<>();
        for (BenchmarkTree.Node root : roots) {
            leaves.addAll(root.leaves());
            collect(root, nodes);
        }
        for (String leaf : leaves) {
            assertThat(BenchmarkRegistry.canonical(leaf)).as("leaf %s", leaf).isEqualTo(leaf);
            assertThat(BenchmarkRegistry.create(leaf, org.brainalign.benchmarks.DataSource.simulatedData()).id()).isEqualTo(leaf);
        }
        for (Benchmark b : BenchmarkRegistry.all()) {
            if (b.parent() != null) {
                assertThat(leaves).as("%s (parent %s)", b.id(), b.parent()).contains(b.id());
            }
            assertThat(b.citation()).as("%s citation", b.id()).isNotBlank();
        }
        assertThat(leaves).contains("Pereira2018.243sentences-linear-shuffle", "Futrell2018-pearsonr", "syntaxgym-cleft",
                "Wikitext-accuracy").doesNotContain("SyntaxGym2020");
        assertThat(leaves).hasSize(11 + 1 + 31 + 1);
        assertThat(nodes).as("every leaderboard column is a node of the tree").containsAll(Leaderboard.columnIds());
        assertThat(roots).extracting(BenchmarkTree.Node::id).containsExactly("average_language", "engineering_language");
    }

    @Test
    void aMisspelledParentIsAnErrorNotASilentZero() {
        Benchmark typo = new Misplaced("Blank2014-ridge", "neural_langauge");
        assertThatThrownBy(() -> BenchmarkTree.build(List.of(typo))).hasMessageContaining("Blank2014-ridge")
                .hasMessageContaining("neural_langauge");
    }

    private static void collect(BenchmarkTree.Node n, Set<String> out) {
        out.add(n.id());
        n.children().forEach(c -> collect(c, out));
    }

    /** Metadata only: a benchmark that names a parent and cannot score. */
    private record Misplaced(String id, String parent) implements Benchmark {
        @Override
        public int version() {
            return 1;
        }

        @Override
        public String citation() {
            return "none";
        }

        @Override
        public String description() {
            return "metadata only";
        }

        @Override
        public String contextPolicy() {
            return "none";
        }

        @Override
        public void prepareData() {}

        @Override
        public org.brainalign.core.subject.Needs needs() {
            return org.brainalign.core.subject.Needs.activations();
        }

        @Override
        public Score score(Subject subject, org.brainalign.benchmarks.RunOptions options) {
            throw new UnsupportedOperationException("metadata only");
        }

        @Override
        public Provenance provenance(long bootstrapSeed, Ceiling ceiling) {
            throw new UnsupportedOperationException("metadata only");
        }
    }
}
