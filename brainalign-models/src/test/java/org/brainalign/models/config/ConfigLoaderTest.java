package org.brainalign.models.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.brainalign.models.ModelFormatException;
import org.brainalign.models.TestData;
import java.util.List;
import org.junit.jupiter.api.Test;

/** config.json parsing for every family, both spellings of rotary settings, and bad configs. */
class ConfigLoaderTest {

    @Test
    void readsEveryFixtureFamily() {
        Gpt2Config gpt2 = (Gpt2Config) ConfigLoader.load(TestData.fixture("tiny-gpt2").resolve("config.json"));
        assertThat(gpt2.nInner()).isEqualTo(128);
        assertThat(gpt2.activation()).isEqualTo(Activation.GELU_TANH);
        DecoderConfig llama = (DecoderConfig) ConfigLoader.load(TestData.fixture("tiny-llama").resolve("config.json"));
        assertThat(llama.numKeyValueHeads()).isEqualTo(2);
        assertThat(llama.ropeTheta()).isEqualTo(10000.0);
        DecoderConfig neox = (DecoderConfig) ConfigLoader.load(TestData.fixture("tiny-gpt-neox").resolve("config.json"));
        assertThat(neox.rotaryDims()).as("rotary_pct 0.25 of head_dim 16").isEqualTo(4);
        assertThat(neox.spec().placement()).isEqualTo(DecoderSpec.Placement.PARALLEL);
        assertThat(neox.spec().norm()).isEqualTo(DecoderSpec.Norm.LAYER);
        BertConfig roberta = (BertConfig) ConfigLoader.load(TestData.fixture("tiny-roberta").resolve("config.json"));
        assertThat(roberta.firstPositionId()).isEqualTo(2);
    }

    @Test
    void olderTopLevelRotarySpellings() {
        DecoderConfig neox = (DecoderConfig) ConfigLoader.parse("c.json", "{\"model_type\":\"gpt_neox\",\"hidden_size\":64,"
                + "\"num_attention_heads\":4,\"num_hidden_layers\":1,\"intermediate_size\":8,\"vocab_size\":10,"
                + "\"max_position_embeddings\":16,\"rotary_pct\":0.5,\"rotary_emb_base\":500}");
        assertThat(neox.rotaryDims()).as("rotary_pct 0.5 of head_dim 16").isEqualTo(8);
        assertThat(neox.ropeTheta()).isEqualTo(500);
        DecoderConfig llama = (DecoderConfig) ConfigLoader.parse("c.json", "{\"model_type\":\"llama\",\"hidden_size\":64,"
                + "\"num_attention_heads\":4,\"num_hidden_layers\":1,\"intermediate_size\":8,\"vocab_size\":10,"
                + "\"max_position_embeddings\":16,\"rope_theta\":500000.0,\"rope_scaling\":{\"rope_type\":\"llama3\",\"factor\":32.0,"
                + "\"low_freq_factor\":1.0,\"high_freq_factor\":4.0,\"original_max_position_embeddings\":8192}}");
        assertThat(llama.ropeTheta()).isEqualTo(500000.0);
        assertThat(llama.ropeScaling().type()).isEqualTo(RopeScaling.Type.LLAMA3);
    }

    @Test
    void missingRequiredKeyIsNamed() {
        assertThatThrownBy(() -> ConfigLoader.parse("my/config.json", "{\"model_type\":\"gpt2\",\"n_layer\":2,\"n_head\":2,"
                + "\"vocab_size\":10,\"n_positions\":8}"))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("my/config.json").hasMessageContaining("'n_embd'").hasMessageContaining("missing");
    }

    @Test
    void unknownModelTypeListsSupported() {
        assertThatThrownBy(() -> ConfigLoader.parse("c.json", "{\"model_type\":\"mamba\"}"))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("'mamba'").hasMessageContaining("gpt2").hasMessageContaining("gpt_neox")
                .hasMessageContaining("llama").hasMessageContaining("roberta");
    }

    @Test
    void wrongTypesAndInconsistentSizes() {
        assertThatThrownBy(() -> ConfigLoader.parse("c.json", "{\"model_type\":\"gpt2\",\"n_embd\":\"big\"}"))
                .hasMessageContaining("'n_embd' must be an integer").hasMessageContaining("\"big\"");
        assertThatThrownBy(() -> ConfigLoader.parse("c.json", "{\"model_type\":\"gpt2\",\"n_embd\":30,\"n_layer\":2,\"n_head\":4,"
                + "\"vocab_size\":10,\"n_positions\":8}"))
                .hasMessageContaining("c.json").hasMessageContaining("not divisible");
        assertThatThrownBy(() -> ConfigLoader.parse("c.json", "{\"model_type\":\"gpt2\",\"n_embd\":32,\"n_layer\":2,\"n_head\":4,"
                + "\"vocab_size\":10,\"n_positions\":8,\"activation_function\":\"mish\"}"))
                .hasMessageContaining("'mish'").hasMessageContaining("gelu_new");
        assertThatThrownBy(() -> ConfigLoader.parse("c.json", "not json {")).hasMessageContaining("c.json: not JSON");
    }

    /** Numbers the forward pass could not use (they gave a stored score of 0 before): refused, naming the field. */
    @Test
    void configNumbersAreCheckedAgainstTheirDtypeAndDerivedSizes() {
        String gpt2 = "{\"model_type\":\"gpt2\",\"n_embd\":32,\"n_layer\":2,\"n_head\":4,\"vocab_size\":10,\"n_positions\":8";
        assertThatThrownBy(() -> ConfigLoader.parse("c.json", gpt2 + ",\"layer_norm_epsilon\":1e300}"))
                .hasMessageContaining("c.json").hasMessageContaining("'layer_norm_epsilon' is 1.0E300").hasMessageContaining("float32");
        assertThatThrownBy(() -> ConfigLoader.parse("c.json", gpt2 + ",\"layer_norm_epsilon\":1e-60}"))
                .hasMessageContaining("'layer_norm_epsilon'").hasMessageContaining("as 0.0");
        String bert = "{\"model_type\":\"bert\",\"hidden_size\":32,\"num_hidden_layers\":2,\"num_attention_heads\":4,"
                + "\"intermediate_size\":64,\"vocab_size\":10,\"max_position_embeddings\":8,\"layer_norm_eps\":1e39}";
        assertThatThrownBy(() -> ConfigLoader.parse("b.json", bert)).hasMessageContaining("b.json")
                .hasMessageContaining("'layer_norm_eps' is 1.0E39");
        assertThatThrownBy(() -> ConfigLoader.parse("c.json", gpt2.replace("\"n_embd\":32", "\"n_embd\":1000000000")
                .replace("\"n_head\":4", "\"n_head\":8") + "}")).hasMessageContaining("'n_embd' 1000000000 is too large")
                .hasMessageNotContaining("n_inner' must be positive");
    }

    /** JavaScript-style comments and single quotes are not JSON (Gson's default parser took them); the error names line and column. */
    @Test
    void onlyStrictJsonIsAConfig() {
        String good = "{\"model_type\":\"gpt2\",\"n_embd\":32,\"n_layer\":2,\"n_head\":4,\"vocab_size\":10,\"n_positions\":8}";
        assertThat(ConfigLoader.parse("c.json", good).vocabSize()).isEqualTo(10);
        for (String bad : List.of("// a comment\n" + good, good.replace("\"gpt2\"", "'gpt2'"), good + " {}",
                good.replace("\"n_layer\"", "n_layer"))) {
            assertThatThrownBy(() -> ConfigLoader.parse("c.json", bad)).as(bad).isInstanceOf(ModelFormatException.class)
                    .hasMessageStartingWith("c.json: not JSON").hasMessageContaining("line 1").hasMessageNotContaining("setStrictness")
                    .hasMessageNotContaining("http");
        }
    }
}
