package org.brainalign.models.untrained;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.brainalign.models.config.ConfigLoader;

/**
 * The registry of untrained presets: published HuggingFace architectures by name. Each is written
 * as the fields of the model's {@code config.json} on the hub, by HuggingFace's own key names, and
 * read by the same {@link ConfigLoader} as a downloaded checkpoint (fields left out take
 * HuggingFace's defaults there too).
 */
public final class Presets {

    private static final Map<String, Preset> REGISTRY = new LinkedHashMap<>();

    static {
        gpt2("distilgpt2", "distilbert/distilgpt2", 6, 768, 12);
        gpt2("gpt2", "openai-community/gpt2", 12, 768, 12);
        gpt2("gpt2-medium", "openai-community/gpt2-medium", 24, 1024, 16);
        gpt2("gpt2-large", "openai-community/gpt2-large", 36, 1280, 20);
        gpt2("gpt2-xl", "openai-community/gpt2-xl", 48, 1600, 25);
        add("bert-base-uncased", "google-bert/bert-base-uncased", false, """
                {"model_type": "bert", "num_hidden_layers": 12, "hidden_size": 768, "num_attention_heads": 12,
                 "intermediate_size": 3072, "vocab_size": 30522, "max_position_embeddings": 512, "type_vocab_size": 2,
                 "pad_token_id": 0, "layer_norm_eps": 1e-12, "hidden_act": "gelu", "initializer_range": 0.02}""");
        add("roberta-base", "FacebookAI/roberta-base", false, """
                {"model_type": "roberta", "num_hidden_layers": 12, "hidden_size": 768, "num_attention_heads": 12,
                 "intermediate_size": 3072, "vocab_size": 50265, "max_position_embeddings": 514, "type_vocab_size": 1,
                 "pad_token_id": 1, "layer_norm_eps": 1e-5, "hidden_act": "gelu", "initializer_range": 0.02}""");
        add("pythia-160m", "EleutherAI/pythia-160m", false, """
                {"model_type": "gpt_neox", "num_hidden_layers": 12, "hidden_size": 768, "num_attention_heads": 12,
                 "intermediate_size": 3072, "vocab_size": 50304, "max_position_embeddings": 2048, "rotary_pct": 0.25,
                 "rotary_emb_base": 10000, "use_parallel_residual": true, "layer_norm_eps": 1e-5, "hidden_act": "gelu",
                 "initializer_range": 0.02, "tie_word_embeddings": false}""");
        add("smollm-135m", "HuggingFaceTB/SmolLM-135M", false, """
                {"model_type": "llama", "num_hidden_layers": 30, "hidden_size": 576, "num_attention_heads": 9,
                 "num_key_value_heads": 3, "intermediate_size": 1536, "vocab_size": 49152, "max_position_embeddings": 2048,
                 "rms_norm_eps": 1e-5, "rope_theta": 10000.0, "hidden_act": "silu", "initializer_range": 0.02,
                 "tie_word_embeddings": true}""");
        add("tinyllama-1.1b", "TinyLlama/TinyLlama-1.1B-intermediate-step-1431k-3T", false, """
                {"model_type": "llama", "num_hidden_layers": 22, "hidden_size": 2048, "num_attention_heads": 32,
                 "num_key_value_heads": 4, "intermediate_size": 5632, "vocab_size": 32000, "max_position_embeddings": 2048,
                 "rms_norm_eps": 1e-5, "rope_theta": 10000.0, "hidden_act": "silu", "initializer_range": 0.02,
                 "tie_word_embeddings": false}""");
    }

    private Presets() {
    }

    /** A GPT-2 size: the hub config sets only these; the rest are GPT-2's defaults. */
    private static void gpt2(String name, String repo, int layers, int width, int heads) {
        add(name, repo, true, String.format("""
                {"model_type": "gpt2", "n_layer": %d, "n_embd": %d, "n_head": %d, "vocab_size": 50257, "n_positions": 1024}""",
                layers, width, heads));
    }

    private static void add(String name, String repo, boolean gpt2Vocabulary, String configJson) {
        if (REGISTRY.containsKey(name)) {
            throw new IllegalStateException("preset registered twice: " + name);
        }
        REGISTRY.put(name, new Preset(name, repo, ConfigLoader.parse("untrained preset " + name, configJson), gpt2Vocabulary));
    }

    /** The preset called {@code name}. */
    public static Optional<Preset> find(String name) {
        return Optional.ofNullable(REGISTRY.get(name));
    }

    /** All presets, in registry order. */
    public static Map<String, Preset> all() {
        return java.util.Collections.unmodifiableMap(REGISTRY);
    }
}
