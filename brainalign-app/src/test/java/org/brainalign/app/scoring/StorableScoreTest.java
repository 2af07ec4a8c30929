package org.brainalign.app.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.brainalign.benchmarks.Benchmark;
import org.brainalign.benchmarks.BenchmarkRegistry;
import org.brainalign.benchmarks.DataSource;
import org.brainalign.benchmarks.data.DataCatalog;
import org.brainalign.benchmarks.data.DataDirectory;
import org.brainalign.core.score.Interval;
import org.brainalign.core.score.LayerScore;
import org.junit.jupiter.api.Test;

/**
 * What may reach the results store: never an infinite score, and a NaN only where it is the benchmark's
 * defined value (a neural benchmark's metric on its recordings, such as Tuckute2024-rdm's one neuroid);
 * a NaN from a behavioural benchmark (constant or overflowing surprisals; it was stored before) is an
 * error naming the benchmark and the layer.
 */
class StorableScoreTest {
    private static LayerScore layer(double raw) {
        return new LayerScore("reading-times", raw, raw, raw, Interval.UNKNOWN, Interval.UNKNOWN, new double[][] {{raw}},
                "signed r " + raw + " over 9775 pairs");
    }

    @Test
    void nonFiniteScoresAreStoredOnlyWhereTheyAreTheBenchmarksValue() {
        // The benchmarks are only created, never scored: no data is read.
        DataSource none = new DataSource(new DataDirectory(Path.of("no-such-data")), DataCatalog.bundled(), false);
        Benchmark futrell = BenchmarkRegistry.create("Futrell2018-pearsonr", none);
        Benchmark rdm = BenchmarkRegistry.create("Tuckute2024-rdm", none);
        assertThat(ScoringService.storable(futrell, layer(0.2))).isNotNull();
        assertThatThrownBy(() -> ScoringService.storable(futrell, layer(Double.NaN))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Futrell2018-pearsonr / reading-times: the score is NaN (signed r NaN over 9775 pairs)")
                .hasMessageContaining("nothing was stored");
        assertThat(ScoringService.storable(rdm, layer(Double.NaN)).raw()).isNaN();
        for (Benchmark b : new Benchmark[] {futrell, rdm}) {
            assertThatThrownBy(() -> ScoringService.storable(b, layer(Double.POSITIVE_INFINITY))).as(b.id())
                    .hasMessageContaining("the score is Infinity");
        }
    }
}
