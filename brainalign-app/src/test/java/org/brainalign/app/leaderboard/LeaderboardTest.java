package org.brainalign.app.leaderboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.brainalign.app.store.ResultsStore;
import org.brainalign.app.store.ResultsStore.BenchmarkResult;
import org.brainalign.app.store.ResultsStore.ModelKey;
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
        List<Leaderboard.Node> tree = Leaderboard.bslTree(List.of("cleft", "mvrr"));
        List<Leaderboard.Row> rows = Leaderboard.rank(results, tree, "average_language");
        Leaderboard.Row a = rows.stream().filter(x -> x.model().equals(A)).findFirst().orElseThrow();
        // Pereira parent: (0.8 + 0.6 + 0 + 0) / 4; neural: (0.35 + 0.3 + 0 x 7) / 9; behaviour 0.4.
        assertThat(a.score("Pereira2018-linear")).isCloseTo(0.35, within(1e-12));
        assertThat(a.score("neural_language")).isCloseTo(0.65 / 9, within(1e-12));
        assertThat(a.score("behavior")).isCloseTo(0.4, within(1e-12));
        assertThat(a.score("average_language")).isCloseTo((0.65 / 9 + 0.4) / 2, within(1e-12));
        // Engineering is its own root: SyntaxGym (1.0 + 0) / 2, then (missing Wikitext 0 + 0.5) / 2.
        assertThat(a.score("SyntaxGym")).isCloseTo(0.5, within(1e-12));
        assertThat(a.score("engineering_language")).isCloseTo(0.25, within(1e-12));
        Leaderboard.Row b = rows.stream().filter(x -> x.model().equals(B)).findFirst().orElseThrow();
        assertThat(b.score("neural_language")).isNaN();
        assertThat(b.score("average_language")).isCloseTo(0.45, within(1e-12));
        // B (0.45) ranks above A (0.236).
        assertThat(rows).extracting(Leaderboard.Row::model).containsExactly(B, A);
    }
}
