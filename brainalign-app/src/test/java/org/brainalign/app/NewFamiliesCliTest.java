package org.brainalign.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.brainalign.models.config.ConfigLoader;
import org.brainalign.models.config.ModelConfig;
import org.brainalign.models.nn.ParamSpec;
import org.brainalign.models.nn.TransformerModel;
import org.brainalign.models.safetensors.SafetensorsWriter;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each new family scored through the real command line from a HuggingFace-style directory
 * (config.json, model.safetensors with random weights, GPT-2's tokenizer.json): decoders on the real
 * Tuckute2024 recordings and Futrell2018 reading times, encoders on Tuckute2024. Their forward passes are checked against a
 * float64 twin of transformers in the models module; this checks that a checkpoint of each family
 * goes from the command line to stored scores.
 */
class NewFamiliesCliTest {
    @TempDir
    Path tmp;

    static final java.util.Map<String, String> OTHERS = java.util.Map.of(
            "albert", "{\"model_type\": \"albert\", \"embedding_size\": 8, \"hidden_size\": 16, \"num_hidden_layers\": 2, "
                    + "\"num_attention_heads\": 2, \"intermediate_size\": 24, \"vocab_size\": 50257, \"max_position_embeddings\": 512, "
                    + "\"type_vocab_size\": 2, \"pad_token_id\": 0, \"hidden_act\": \"gelu_new\"}",
            "distilbert", "{\"model_type\": \"distilbert\", \"dim\": 16, \"n_layers\": 2, \"n_heads\": 2, \"hidden_dim\": 24, "
                    + "\"vocab_size\": 50257, \"max_position_embeddings\": 512}",
            "opt", "{\"model_type\": \"opt\", \"hidden_size\": 16, \"num_hidden_layers\": 2, \"num_attention_heads\": 2, "
                    + "\"ffn_dim\": 24, \"vocab_size\": 50257, \"max_position_embeddings\": 1024, \"word_embed_proj_dim\": 16}",
            "t5", "{\"model_type\": \"t5\", \"d_model\": 16, \"d_kv\": 8, \"num_heads\": 2, \"d_ff\": 24, \"num_layers\": 2, "
                    + "\"vocab_size\": 50257, \"feed_forward_proj\": \"gated-gelu\"}");

    /** The layer each family's test scores. */
    static String layer(String type) {
        return switch (type) {
            case "xlm-roberta", "electra", "albert" -> "encoder.layer.1";
            case "distilbert" -> "transformer.layer.1";
            case "opt" -> "model.decoder.layers.1";
            case "t5" -> "encoder.block.1";
            default -> "model.layers.1";
        };
    }

    static String config(String type) {
        if (OTHERS.containsKey(type)) {
            return OTHERS.get(type);
        }
        if (type.equals("xlm-roberta") || type.equals("electra")) {
            return "{\"model_type\": \"" + type + "\", \"num_hidden_layers\": 2, \"hidden_size\": 16, \"num_attention_heads\": 2, "
                    + "\"intermediate_size\": 24, \"vocab_size\": 50257, \"max_position_embeddings\": 514, \"type_vocab_size\": 1, "
                    + "\"pad_token_id\": 1, \"layer_norm_eps\": 1e-5, \"hidden_act\": \"gelu\""
                    + (type.equals("electra") ? ", \"embedding_size\": 8" : "") + "}";
        }
        String common = "\"num_hidden_layers\": 2, \"hidden_size\": 16, \"num_attention_heads\": 2, \"num_key_value_heads\": 1, "
                + "\"intermediate_size\": 24, \"vocab_size\": 50257, \"max_position_embeddings\": 1024, \"rms_norm_eps\": 1e-6, "
                + "\"tie_word_embeddings\": true";
        String own = switch (type) {
            case "mistral" -> ", \"sliding_window\": 64";
            case "qwen3" -> ", \"head_dim\": 8";
            case "gemma", "gemma2" -> ", \"head_dim\": 8";
            case "phi3" -> ", \"partial_rotary_factor\": 0.5";
            default -> "";
        };
        return "{\"model_type\": \"" + type + "\", " + common + own + "}";
    }

    @ParameterizedTest
    @ValueSource(strings = {"mistral", "qwen2", "qwen3", "gemma", "gemma2", "phi3", "olmo2", "opt", "xlm-roberta", "electra",
            "albert", "distilbert", "t5"})
    void scoresOnTuckuteAndFutrell(String type) throws Exception {
        boolean encoder = List.of("xlm-roberta", "electra", "albert", "distilbert", "t5").contains(type);
        Path dir = Files.createDirectories(tmp.resolve("tiny-" + type));
        Files.writeString(dir.resolve("config.json"), config(type));
        Files.copy(CliTest.fixture("gpt2-tokenizer").resolve("tokenizer.json"), dir.resolve("tokenizer.json"));
        ModelConfig config = ConfigLoader.load(dir.resolve("config.json"));
        Random random = new Random(type.hashCode());
        SafetensorsWriter writer = new SafetensorsWriter();
        for (ParamSpec p : TransformerModel.parameterSpecs(config)) {
            float[] v = new float[Math.toIntExact(p.elementCount())];
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) (p.name().endsWith("norm.weight") ? (type.startsWith("gemma") ? 0 : 1) : 0.1 * random.nextGaussian());
            }
            writer.add(p.name(), p.shape(), v);
        }
        writer.write(dir.resolve("model.safetensors"));

        String layer = layer(type);
        CliTest.Run r = CliTest.run("score", "--model", dir.toString(), "--benchmark",
                encoder ? "Tuckute2024-ridge" : "Tuckute2024-ridge,Futrell2018-pearsonr", "--layers", layer, "--cache-dir",
                tmp.resolve("cache").toString(), "--no-progress", "--no-activation-cache");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("Tuckute2024-ridge").contains(layer).contains("as tiny-" + type).doesNotContain("NaN");
        if (!encoder) {
            assertThat(r.out()).contains("Futrell2018-pearsonr");
        }
    }
}
