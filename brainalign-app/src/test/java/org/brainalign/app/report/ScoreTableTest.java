package org.brainalign.app.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.brainalign.core.ceiling.Ceiling;
import org.brainalign.core.score.Interval;
import org.brainalign.core.score.LayerScore;
import org.brainalign.core.score.Score;
import org.junit.jupiter.api.Test;

/** The terminal table: no "NaN" where a benchmark has no ceiling, and ties for the best layer broken by the unclipped ratio. */
class ScoreTableTest {

    private static LayerScore layer(String name, double raw, double ceiling) {
        return LayerScore.of(name, raw, ceiling, new Interval(raw - 0.1, raw + 0.1), new double[][] {{raw}}, "");
    }

    private static String print(Score s) {
        StringWriter w = new StringWriter();
        ScoreTable.print(s, new PrintWriter(w, true));
        return w.toString();
    }

    @Test
    void aMissingCeilingIsADash() {
        Score s = Score.of("b", 1, "m", Ceiling.none(), List.of(layer("h.0", 0.2, Double.NaN), layer("h.1", 0.3, Double.NaN)),
                Map.of(), Map.of(), "c", "s", false);
        String out = print(s);
        assertThat(out).doesNotContain("NaN").contains("ceiling: none (raw score reported)");
        assertThat(out.lines().filter(l -> l.strip().startsWith("h.0")).findFirst().orElseThrow()).contains("      -  ");
    }

    @Test
    void tiedLayersGoToTheHigherUnclippedRatio() {
        // Both clip to 0 normalised; h.1's raw score (and unclipped ratio) is the less negative one.
        Score s = Score.of("b", 1, "m", Ceiling.published(0.5, "test"), List.of(layer("h.0", -0.3, 0.5), layer("h.1", -0.1, 0.5)),
                Map.of(), Map.of(), "c", "s", false);
        assertThat(s.bestLayer().layer()).isEqualTo("h.1");
        assertThat(print(s)).contains("best layer: h.1 (0.0000 normalized, -0.2000 unclipped)");
    }
}
