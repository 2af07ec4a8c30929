package org.brainalign.models.nn;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.brainalign.models.ModelFormatException;
import org.brainalign.models.ModelLoader;
import org.brainalign.models.TestData;
import org.brainalign.models.safetensors.SafetensorsFile;
import org.brainalign.models.safetensors.SafetensorsWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A checkpoint that does not fit its config: missing, extra or mis-shaped tensors are named. */
class CheckpointMismatchTest {

    @TempDir
    Path dir;

    /** Copies tiny-gpt2 into {@link #dir}, dropping {@code drop} and giving {@code reshape} a wrong shape. */
    private Path copyGpt2(String drop, String reshape, String extra) throws IOException {
        return copyGpt2(drop, reshape, extra, null, 0f);
    }

    /** As above, and sets every value of tensor {@code poison} (when not null) to {@code value}. */
    private Path copyGpt2(String drop, String reshape, String extra, String poison, float value) throws IOException {
        Path src = TestData.fixture("tiny-gpt2");
        Files.copy(src.resolve("config.json"), dir.resolve("config.json"));
        Files.copy(src.resolve("tokenizer.json"), dir.resolve("tokenizer.json"));
        SafetensorsWriter w = new SafetensorsWriter();
        try (SafetensorsFile f = SafetensorsFile.open(src.resolve("model.safetensors"))) {
            for (String k : f.keys()) {
                if (k.equals(drop)) {
                    continue;
                }
                float[] v = f.floats(k);
                if (k.equals(poison)) {
                    java.util.Arrays.fill(v, value);
                }
                long[] shape = k.equals(reshape) ? new long[] {v.length} : f.info(k).shape();
                w.add(k, shape, v);
            }
        }
        if (extra != null) {
            w.add(extra, new long[] {1}, new float[] {0});
        }
        w.write(dir.resolve("model.safetensors"));
        return dir;
    }

    private void open(Path model) {
        try (NDManager m = NDManager.newBaseManager()) {
            ModelLoader.open(model.toString(), ModelLoader.Options.defaults(), m).close();
        }
    }

    @Test
    void missingTensorIsNamed() throws IOException {
        Path model = copyGpt2("transformer.h.1.mlp.c_fc.weight", null, null);
        assertThatThrownBy(() -> open(model)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("missing").hasMessageContaining("'transformer.h.1.mlp.c_fc.weight'");
    }

    @Test
    void wrongShapeIsNamed() throws IOException {
        Path model = copyGpt2(null, "transformer.h.0.attn.c_attn.weight", null);
        assertThatThrownBy(() -> open(model)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("'transformer.h.0.attn.c_attn.weight'").hasMessageContaining("[3072]")
                .hasMessageContaining("[32, 96]");
    }

    @Test
    void unexpectedTensorIsNamed() throws IOException {
        Path model = copyGpt2(null, null, "transformer.h.7.attn.c_attn.weight");
        assertThatThrownBy(() -> open(model)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("'transformer.h.7.attn.c_attn.weight'").hasMessageContaining("does not use");
    }

    @Test
    void truncatedWeightsNeverLoad() throws IOException {
        Path model = copyGpt2(null, null, null);
        Path weights = model.resolve("model.safetensors");
        byte[] bytes = Files.readAllBytes(weights);
        Files.write(weights, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        assertThatThrownBy(() -> open(model)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("model.safetensors").hasMessageContaining("past the data section");
    }

    @Test
    void missingConfigKeyIsNamed() throws IOException {
        Path model = copyGpt2(null, null, null);
        Files.writeString(model.resolve("config.json"), Files.readString(model.resolve("config.json")).replace("\"n_head\"", "\"n_heads_typo\""));
        assertThatThrownBy(() -> open(model)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("config.json").hasMessageContaining("'n_head'");
    }

    @Test
    void nonFiniteWeightsAreRefusedWithTheTensorAndTheCount() throws IOException {
        Path nan = copyGpt2(null, null, null, "transformer.wte.weight", Float.NaN);
        assertThatThrownBy(() -> open(nan)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("'transformer.wte.weight'").hasMessageContaining("non-finite");
    }

    @Test
    void infiniteWeightsAndANegativeNormEpsilonAreRefused() throws IOException {
        Path inf = copyGpt2(null, null, null, "transformer.h.0.attn.c_attn.weight", Float.POSITIVE_INFINITY);
        assertThatThrownBy(() -> open(inf)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("'transformer.h.0.attn.c_attn.weight'").hasMessageContaining("3072 non-finite values");
        Path config = dir.resolve("config.json");
        String text = Files.readString(config);
        org.assertj.core.api.Assertions.assertThat(text).contains("\"layer_norm_epsilon\": 1e-05");
        Files.writeString(config, text.replace("\"layer_norm_epsilon\": 1e-05", "\"layer_norm_epsilon\": -1e-05"));
        Files.copy(TestData.fixture("tiny-gpt2").resolve("model.safetensors"), dir.resolve("model.safetensors"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThatThrownBy(() -> open(dir)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("config.json").hasMessageContaining("'layer_norm_epsilon' must be a positive number");
    }
}
