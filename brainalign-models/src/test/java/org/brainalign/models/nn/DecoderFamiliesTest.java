package org.brainalign.models.nn;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.brainalign.models.ModelLoader;
import org.brainalign.models.TestData;
import org.brainalign.models.config.ConfigLoader;
import org.brainalign.models.config.ModelConfig;
import org.brainalign.models.safetensors.Checkpoint;
import org.brainalign.models.safetensors.SafetensorsWriter;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each rotary decoder family, loaded from a tiny random checkpoint laid out with HuggingFace's tensor
 * names, against {@link DecoderTwin} (a float64 twin of transformers' forward written independently
 * of {@link DecoderModel}): every hidden state and the logits to max|diff| / max|ref| ≤ 1e-4. The
 * configs exercise what each family changes: biases (qwen2, llama's attention_bias), per-head and
 * whole q/k norms (qwen3, olmo2), head_dim ≠ hidden / heads (qwen3, gemma), multi-query attention
 * (gemma), sliding windows shorter than the text (mistral, phi3, gemma2's even layers), soft-caps and
 * four norms (gemma2), partial rotary and fused projections (phi3), post-norms (olmo2). Norm weights
 * are random around their identity so that a norm applied the wrong way shows.
 */
class DecoderFamiliesTest {
    @TempDir
    Path tmp;

    static final String COMMON = "\"num_hidden_layers\": 3, \"hidden_size\": 32, \"num_attention_heads\": 4, "
            + "\"intermediate_size\": 40, \"vocab_size\": 96, \"max_position_embeddings\": 64, \"rope_theta\": 10000.0, ";

    static String config(String type) {
        return "{\"model_type\": \"" + type + "\", " + COMMON + switch (type) {
            case "llama" -> "\"num_key_value_heads\": 2, \"rms_norm_eps\": 1e-5, \"hidden_act\": \"silu\", \"attention_bias\": true, "
                    + "\"tie_word_embeddings\": false}";
            case "mistral" -> "\"num_key_value_heads\": 2, \"rms_norm_eps\": 1e-6, \"hidden_act\": \"silu\", \"sliding_window\": 4, "
                    + "\"tie_word_embeddings\": false}";
            case "qwen2" -> "\"num_key_value_heads\": 2, \"rms_norm_eps\": 1e-6, \"hidden_act\": \"silu\", \"use_sliding_window\": false, "
                    + "\"tie_word_embeddings\": true}";
            case "qwen3" -> "\"num_key_value_heads\": 2, \"head_dim\": 12, \"rms_norm_eps\": 1e-6, \"hidden_act\": \"silu\", "
                    + "\"attention_bias\": false, \"tie_word_embeddings\": false}";
            case "gemma" -> "\"num_key_value_heads\": 1, \"head_dim\": 16, \"rms_norm_eps\": 1e-6, "
                    + "\"hidden_act\": \"gelu_pytorch_tanh\", \"tie_word_embeddings\": true}";
            case "gemma2" -> "\"num_key_value_heads\": 2, \"head_dim\": 16, \"rms_norm_eps\": 1e-6, "
                    + "\"hidden_activation\": \"gelu_pytorch_tanh\", \"query_pre_attn_scalar\": 10, \"attn_logit_softcapping\": 2.0, "
                    + "\"final_logit_softcapping\": 3.0, \"sliding_window\": 4, \"tie_word_embeddings\": true}";
            case "phi3" -> "\"num_key_value_heads\": 2, \"rms_norm_eps\": 1e-5, \"hidden_act\": \"silu\", "
                    + "\"partial_rotary_factor\": 0.5, \"sliding_window\": 5, \"tie_word_embeddings\": false}";
            case "olmo2" -> "\"num_key_value_heads\": 4, \"rms_norm_eps\": 1e-5, \"hidden_act\": \"silu\", "
                    + "\"attention_bias\": false, \"tie_word_embeddings\": false}";
            default -> throw new IllegalArgumentException(type);
        };
    }

    /** A checkpoint directory with {@code config.json} and random {@code model.safetensors} of the twin's tensors. */
    static Map<String, double[]> write(Path dir, String type, long seed) throws Exception {
        String json = config(type);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("config.json"), json);
        JsonObject c = JsonParser.parseString(json).getAsJsonObject();
        Map<String, double[]> weights = TinyCheckpoint.writeRandom(dir, new DecoderTwin(c).tensors(c), name -> name,
                name -> name.endsWith("norm.weight"), type.startsWith("gemma") ? 0 : 1, 0.25, seed, Map.of());
        return weights;
    }

    @ParameterizedTest
    @ValueSource(strings = {"llama", "mistral", "qwen2", "qwen3", "gemma", "gemma2", "phi3", "olmo2"})
    void hiddenStatesAndLogitsMatchTheFloat64Twin(String type) throws Exception {
        Path dir = tmp.resolve(type);
        Map<String, double[]> weights = write(dir, type, type.hashCode());
        int[] ids = {5, 17, 3, 88, 42, 0, 61, 9, 33, 70, 12};
        JsonObject c = JsonParser.parseString(config(type)).getAsJsonObject();
        List<double[][]> reference = new DecoderTwin(c).forward(weights, ids);
        assertThat(ConfigLoader.load(dir.resolve("config.json")).family().modelType()).isEqualTo(type);
        TinyCheckpoint.assertMatchesTwin(type, dir, ids, reference);
    }

    /**
     * Where a transformers-made fixture of the family is committed ({@code src/test/python/make_hf_fixtures.py}
     * writes them, from the same configs), the family also matches transformers itself.
     */
    @ParameterizedTest
    @ValueSource(strings = {"llama", "mistral", "qwen2", "qwen3", "gemma", "gemma2", "phi3", "olmo2"})
    void matchesTransformersWhereItsFixtureIsCommitted(String type) throws Exception {
        java.net.URL url = getClass().getResource("/hf-fixtures/" + type + "/config.json");
        org.junit.jupiter.api.Assumptions.assumeTrue(url != null, "no transformers-made fixture of " + type
                + " committed yet; run brainalign-models/src/test/python/make_hf_fixtures.py where transformers is installed");
        HfParityTest.check(Path.of(url.toURI()).getParent(), type);
    }

}
