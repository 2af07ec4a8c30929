package org.brainalign.app.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.brainalign.core.ceiling.Ceiling;
import org.brainalign.core.score.Interval;
import org.brainalign.core.score.LayerScore;
import org.brainalign.core.score.Score;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** NaN becomes JSON null at the number; text that happens to contain "NaN" is left alone. */
class ScoreJsonTest {
    @TempDir
    Path tmp;

    @Test
    void nanIsNullOnlyWhereItIsANumber() throws Exception {
        LayerScore layer = new LayerScore("NaN-layer", Double.NaN, Double.NaN, Double.POSITIVE_INFINITY, Interval.UNKNOWN,
                Interval.UNKNOWN, new double[][] {{Double.NaN, 0.5}}, "undefined: NaN on one neuroid");
        Score s = Score.of("Tuckute2024-rdm", 2, "NaNoGPT", Ceiling.none(), List.of(layer), Map.of("splits", 1L), Map.of(),
                "each sentence alone", "none", false);
        Path file = tmp.resolve("s.json");
        ScoreJson.write(file, List.of(s), Map.of("model", "NaNoGPT"), true);
        JsonObject o = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
        JsonObject score = o.getAsJsonArray("scores").get(0).getAsJsonObject();
        assertThat(score.get("model").getAsString()).isEqualTo("NaNoGPT");
        assertThat(o.getAsJsonObject("run").get("model").getAsString()).isEqualTo("NaNoGPT");
        assertThat(score.get("raw").isJsonNull()).isTrue();
        JsonObject l = score.getAsJsonArray("layers").get(0).getAsJsonObject();
        assertThat(l.get("layer").getAsString()).isEqualTo("NaN-layer");
        assertThat(l.get("note").getAsString()).isEqualTo("undefined: NaN on one neuroid");
        assertThat(l.get("unclipped").isJsonNull()).as("infinity is no JSON number either").isTrue();
        assertThat(l.getAsJsonArray("splitByNeuroid").get(0).getAsJsonArray().get(0).isJsonNull()).isTrue();
        assertThat(l.getAsJsonArray("splitByNeuroid").get(0).getAsJsonArray().get(1).getAsDouble()).isEqualTo(0.5);
    }
}
