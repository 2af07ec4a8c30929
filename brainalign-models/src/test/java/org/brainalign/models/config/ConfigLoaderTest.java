package org.brainalign.models.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.brainalign.models.ModelFormatException;
import org.brainalign.models.TestData;
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
        assertThatThrownBy(() -> ConfigLoader.parse("c.json", "not json {")).hasMessageContaining("not well-formed JSON");
    }
}
