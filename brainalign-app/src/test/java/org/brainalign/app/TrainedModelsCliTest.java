package org.brainalign.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trained models of issue 14 through the real command line: MiniLM converted from ONNX and scored
 * on the real Tuckute2024 recordings, stories260K's activations from its llama2.c checkpoint, and
 * GloVe as a baseline.
 */
class TrainedModelsCliTest {

    static Path shared(String env, String property) {
        return org.brainalign.core.testing.Shared.require(org.brainalign.core.testing.Shared.Part.valueOf(
                env.substring("BRAINALIGN_".length())));
    }

    @Test
    void convertedMiniLmScoresOnRealTuckute(@TempDir Path tmp) throws IOException {
        for (String name : new String[] {"all-minilm-l6-v2.onnx", "all-minilm-l6-v2-tokenizer.json"}) {
            try (InputStream in = getClass().getResourceAsStream("/" + name)) {
                assertThat(in).as(name).isNotNull();
                Files.copy(in, tmp.resolve(name));
            }
        }
        Path out = tmp.resolve("all-minilm-l6-v2");
        CliTest.Run convert = CliTest.run("convert", "onnx", tmp.resolve("all-minilm-l6-v2.onnx").toString(), "--tokenizer",
                tmp.resolve("all-minilm-l6-v2-tokenizer.json").toString(), "--out", out.toString());
        assertThat(convert.code()).as(convert.err()).isZero();
        assertThat(convert.out()).contains("6 layers, hidden 384, 12 heads").contains("101 parameter tensors mapped one to one");
        CliTest.Run again = CliTest.run("convert", "onnx", tmp.resolve("all-minilm-l6-v2.onnx").toString(), "--tokenizer",
                tmp.resolve("all-minilm-l6-v2-tokenizer.json").toString(), "--out", out.toString());
        assertThat(again.code()).isNotZero();
        assertThat(again.err()).contains("exists and is not an empty directory");

        Path json = tmp.resolve("score.json");
        CliTest.Run score = CliTest.run("score", "--model", out.toString(), "--benchmark", "Tuckute2024-ridge", "--layers",
                "encoder.layer.2", "--data-dir", shared("BRAINALIGN_DATA", "brainalign.data.default").toString(), "--store",
                tmp.resolve("results.db").toString(), "--cache-dir", tmp.resolve("cache").toString(), "--no-progress", "--out",
                json.toString());
        assertThat(score.code()).as(score.err()).isZero();
        JsonObject s = JsonParser.parseString(Files.readString(json)).getAsJsonObject().getAsJsonArray("scores").get(0)
                .getAsJsonObject();
        assertThat(s.get("model").getAsString()).isEqualTo("all-minilm-l6-v2");
        assertThat(s.get("data").getAsString()).isEqualTo("real");
        assertThat(s.get("raw").getAsDouble()).isBetween(-1.0, 1.0);
    }

    @Test
    void stories260kActivationsFromItsLlama2cCheckpoint() {
        Path bin = shared("BRAINALIGN_MODELS", "brainalign.models.default").resolve("stories260K").resolve("stories260K.bin");
        CliTest.Run r = CliTest.run("activations", "--model", bin.toString(), "--text", "Once upon a time");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("model stories260K (llama, 260,032 parameters").contains("model.layers.4  ")
                .contains("4 x 64");
    }
}
