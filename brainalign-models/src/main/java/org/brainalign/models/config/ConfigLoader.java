package org.brainalign.models.config;

import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import org.brainalign.models.ModelFormatException;

/**
 * Reads a HuggingFace {@code config.json} into the typed record of its family. Keys follow
 * HuggingFace, including both spellings transformers has used over time (e.g. {@code rope_theta}
 * vs {@code rope_parameters.rope_theta}, {@code rotary_pct} vs
 * {@code rope_parameters.partial_rotary_factor}); defaults are HuggingFace's. A missing size key or
 * an unknown {@code model_type} is an error naming the file and listing what is supported.
 */
public final class ConfigLoader {

    private static final Map<Family, Function<ConfigFields, ModelConfig>> READERS = Map.of(
            Family.GPT2, ConfigLoader::gpt2,
            Family.BERT, f -> bert(Family.BERT, f),
            Family.ROBERTA, f -> bert(Family.ROBERTA, f),
            Family.LLAMA, ConfigLoader::llama,
            Family.GPT_NEOX, ConfigLoader::gptNeoX);

    private ConfigLoader() {
    }

    /** Reads {@code file} (a {@code config.json}). */
    public static ModelConfig load(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new ModelFormatException(file + ": cannot read model config (" + e.getMessage() + ")", e);
        }
        return parse(file.toString(), text);
    }

    /** Parses config JSON {@code text}; {@code source} names it in errors. */
    public static ModelConfig parse(String source, String text) {
        JsonElement root;
        try {
            root = JsonParser.parseString(text);
        } catch (JsonParseException e) {
            throw new ModelFormatException(source + ": not well-formed JSON (" + e.getMessage() + ")", e);
        }
        if (root == null || !root.isJsonObject()) {
            throw new ModelFormatException(source + ": a model config must be a JSON object");
        }
        ConfigFields fields = new ConfigFields(source, root.getAsJsonObject());
        String modelType = fields.optString("model_type").orElseThrow(() -> fields.missing("model_type",
                "one of " + Family.supportedModelTypes()));
        Family family = Family.fromModelType(modelType).orElseThrow(() -> new ModelFormatException(source
                + ": model_type '" + modelType + "' is not supported; supported model types are "
                + Family.supportedModelTypes()));
        try {
            return READERS.get(family).apply(fields);
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(source + ": " + e.getMessage(), e);
        }
    }

    private static ModelConfig gpt2(ConfigFields f) {
        int width = f.requireInt("n_embd");
        return new Gpt2Config(f.requireInt("n_layer"), width, f.requireInt("n_head"), f.requireInt("vocab_size"),
                f.requireInt("n_positions"), f.optInt("n_inner").orElse(4 * width), f.doubleOr("layer_norm_epsilon", 1e-5),
                f.activation("activation_function", "gelu_new"), f.boolOr("scale_attn_weights", true),
                f.boolOr("scale_attn_by_inverse_layer_idx", false), f.doubleOr("initializer_range", 0.02),
                f.boolOr("tie_word_embeddings", true));
    }

    private static ModelConfig bert(Family family, ConfigFields f) {
        String positionType = f.optString("position_embedding_type").orElse("absolute");
        if (!positionType.equals("absolute")) {
            throw new ModelFormatException(f.source() + ": position_embedding_type '" + positionType
                    + "' is not supported; only 'absolute' is");
        }
        return new BertConfig(family, f.requireInt("num_hidden_layers"), f.requireInt("hidden_size"),
                f.requireInt("num_attention_heads"), f.requireInt("intermediate_size"), f.requireInt("vocab_size"),
                f.requireInt("max_position_embeddings"), f.intOr("type_vocab_size", 2),
                f.intOr("pad_token_id", family == Family.ROBERTA ? 1 : 0), f.doubleOr("layer_norm_eps", 1e-12),
                f.activation("hidden_act", "gelu"), f.doubleOr("initializer_range", 0.02));
    }

    private static ModelConfig llama(ConfigFields f) {
        int hidden = f.requireInt("hidden_size");
        int heads = f.requireInt("num_attention_heads");
        ConfigFields rope = f.object("rope_parameters");
        double theta = f.optDouble("rope_theta").or(() -> rope.optDouble("rope_theta")).orElse(10000.0);
        ConfigFields scaling = f.has("rope_scaling") ? f.object("rope_scaling") : rope;
        return new LlamaConfig(f.requireInt("num_hidden_layers"), hidden, heads, f.intOr("num_key_value_heads", heads),
                f.optInt("head_dim").orElse(hidden / heads), f.requireInt("intermediate_size"), f.requireInt("vocab_size"),
                f.requireInt("max_position_embeddings"), f.doubleOr("rms_norm_eps", 1e-6), theta, ropeScaling(scaling),
                f.boolOr("attention_bias", false), f.boolOr("mlp_bias", false), f.activation("hidden_act", "silu"),
                f.doubleOr("initializer_range", 0.02), f.boolOr("tie_word_embeddings", false),
                f.optInt("pad_token_id").orElse(null));
    }

    private static RopeScaling ropeScaling(ConfigFields s) {
        String type = s.optString("rope_type").or(() -> s.optString("type")).orElse("default");
        return switch (type) {
            case "default" -> RopeScaling.NONE;
            case "linear" -> new RopeScaling(RopeScaling.Type.LINEAR, s.doubleOr("factor", 1), 1, 1, 0);
            case "llama3" -> new RopeScaling(RopeScaling.Type.LLAMA3, s.doubleOr("factor", 8),
                    s.doubleOr("low_freq_factor", 1), s.doubleOr("high_freq_factor", 4),
                    s.intOr("original_max_position_embeddings", 8192));
            default -> throw new ModelFormatException(s.source() + ": rope_type '" + type
                    + "' is not supported; supported: default, linear, llama3");
        };
    }

    private static ModelConfig gptNeoX(ConfigFields f) {
        ConfigFields rope = f.object("rope_parameters");
        double pct = f.optDouble("rotary_pct").or(() -> rope.optDouble("partial_rotary_factor")).orElse(0.25);
        double base = f.optDouble("rotary_emb_base").or(() -> rope.optDouble("rope_theta")).orElse(10000.0);
        return new GptNeoXConfig(f.requireInt("num_hidden_layers"), f.requireInt("hidden_size"),
                f.requireInt("num_attention_heads"), f.requireInt("intermediate_size"), f.requireInt("vocab_size"),
                f.requireInt("max_position_embeddings"), pct, base, f.boolOr("use_parallel_residual", true),
                f.boolOr("attention_bias", true), f.doubleOr("layer_norm_eps", 1e-5), f.activation("hidden_act", "gelu"),
                f.doubleOr("initializer_range", 0.02), f.boolOr("tie_word_embeddings", false));
    }
}
