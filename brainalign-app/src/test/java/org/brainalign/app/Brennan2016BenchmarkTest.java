package org.brainalign.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import org.brainalign.benchmarks.BenchmarkRegistry;
import org.brainalign.benchmarks.DataSource;
import org.brainalign.benchmarks.RunOptions;
import org.brainalign.benchmarks.brennan2016.Brennan2016;
import org.brainalign.benchmarks.data.DataCatalog;
import org.brainalign.benchmarks.data.DataDirectory;
import org.brainalign.core.score.LayerScore;
import org.brainalign.core.score.Score;
import org.brainalign.models.registry.ModelRegistry;
import org.brainalign.models.registry.ModelRequest;
import org.brainalign.models.registry.OpenedModel;
import org.junit.jupiter.api.Test;

/**
 * Brennan2016 on the real recordings with models whose answer is known: OASM (a Gaussian over word
 * order, the autocorrelation confound) predicts nothing of held-out contiguous blocks, and a
 * constant surprisal adds nothing to a nuisance model that already holds the word rate.
 */
class Brennan2016BenchmarkTest {
    static DataSource data() {
        Path dir = org.brainalign.core.testing.Shared.require(org.brainalign.core.testing.Shared.Part.DATA);
        return new DataSource(new DataDirectory(dir), DataCatalog.bundled(), false);
    }

    @Test
    void oasmScoresNothingWithContiguousFolds() {
        Brennan2016 b = (Brennan2016) BenchmarkRegistry.create("Brennan2016-ridge", data());
        try (OpenedModel oasm = ModelRegistry.open("oasm", ModelRequest.defaults())) {
            Score s = b.score(oasm.freshSubject(), RunOptions.defaults());
            LayerScore l = s.layers().getFirst();
            // Held-out r of a model that only knows where in the story a word is: the median over 27
            // participants' r scatters by about 1/sqrt(72 volumes × 27) ≈ 0.02 around 0.
            assertThat(Math.abs(l.raw())).isLessThan(0.03);
            assertThat(l.rawInterval().lower()).isLessThan(0.01);
            assertThat(s.ceiling().value()).isBetween(0.1, 0.5);
            assertThat(s.ceiling().lower()).isLessThan(s.ceiling().value());
            assertThat(l.measures()).containsKeys("roi:LATL", "roi:LIFG:lower", "roi:LIFG:upper");
            assertThat(l.splitByNeuroid()).hasDimensions(6, 27);
            assertThat(l.note()).contains("27 participants (left out: s33)");
        }
    }

    @Test
    void aConstantSurprisalAddsNothingToTheWordRate() {
        Brennan2016 b = (Brennan2016) BenchmarkRegistry.create("Brennan2016-surprisal", data());
        double[] constant = new double[b.data().words().size()];
        Arrays.fill(constant, 7.0);
        Score s = b.scoreSurprisal("constant", constant, RunOptions.defaults());
        // Its regressor is the word-rate regressor up to scale (r >= 0.99 with the nuisance model's own).
        assertThat(Math.abs(s.raw())).isLessThan(0.01);
        assertThat(s.layers().getFirst().note()).contains("nuisance-only held-out r");
        assertThat(s.ceiling().isNone()).isTrue();
    }
}
