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
        // The rotary decoders people score today, by their hub config.json fields (checked against copies of the hub files).
        addBf16("llama-3-8b", "meta-llama/Meta-Llama-3-8B", """
                {"model_type": "llama", "num_hidden_layers": 32, "hidden_size": 4096, "num_attention_heads": 32,
                 "num_key_value_heads": 8, "intermediate_size": 14336, "vocab_size": 128256, "max_position_embeddings": 8192,
                 "rms_norm_eps": 1e-5, "rope_theta": 500000.0, "hidden_act": "silu", "tie_word_embeddings": false}""");
        addBf16("mistral-7b", "mistralai/Mistral-7B-v0.1", """
                {"model_type": "mistral", "num_hidden_layers": 32, "hidden_size": 4096, "num_attention_heads": 32,
                 "num_key_value_heads": 8, "intermediate_size": 14336, "vocab_size": 32000, "max_position_embeddings": 32768,
                 "rms_norm_eps": 1e-5, "rope_theta": 10000.0, "sliding_window": 4096, "hidden_act": "silu",
                 "tie_word_embeddings": false}""");
        add("qwen2.5-0.5b", "Qwen/Qwen2.5-0.5B", false, """
                {"model_type": "qwen2", "num_hidden_layers": 24, "hidden_size": 896, "num_attention_heads": 14,
                 "num_key_value_heads": 2, "intermediate_size": 4864, "vocab_size": 151936, "max_position_embeddings": 32768,
                 "rms_norm_eps": 1e-6, "rope_theta": 1000000.0, "use_sliding_window": false, "sliding_window": 32768,
                 "max_window_layers": 24, "hidden_act": "silu", "tie_word_embeddings": true}""");
        addBf16("qwen2.5-7b", "Qwen/Qwen2.5-7B", """
                {"model_type": "qwen2", "num_hidden_layers": 28, "hidden_size": 3584, "num_attention_heads": 28,
                 "num_key_value_heads": 4, "intermediate_size": 18944, "vocab_size": 152064, "max_position_embeddings": 131072,
                 "rms_norm_eps": 1e-6, "rope_theta": 1000000.0, "use_sliding_window": false, "max_window_layers": 28,
                 "hidden_act": "silu", "tie_word_embeddings": false}""");
        add("qwen3-0.6b", "Qwen/Qwen3-0.6B", false, """
                {"model_type": "qwen3", "num_hidden_layers": 28, "hidden_size": 1024, "num_attention_heads": 16,
                 "num_key_value_heads": 8, "head_dim": 128, "intermediate_size": 3072, "vocab_size": 151936,
                 "max_position_embeddings": 40960, "rms_norm_eps": 1e-6, "rope_theta": 1000000, "use_sliding_window": false,
                 "max_window_layers": 28, "attention_bias": false, "hidden_act": "silu", "tie_word_embeddings": true}""");
        add("gemma-2b", "google/gemma-2b", false, """
                {"model_type": "gemma", "num_hidden_layers": 18, "hidden_size": 2048, "num_attention_heads": 8,
                 "num_key_value_heads": 1, "head_dim": 256, "intermediate_size": 16384, "vocab_size": 256000,
                 "max_position_embeddings": 8192, "rms_norm_eps": 1e-6, "rope_theta": 10000.0, "hidden_act": "gelu"}""");
        add("gemma-2-2b", "google/gemma-2-2b", false, """
                {"model_type": "gemma2", "num_hidden_layers": 26, "hidden_size": 2304, "num_attention_heads": 8,
                 "num_key_value_heads": 4, "head_dim": 256, "intermediate_size": 9216, "vocab_size": 256000,
                 "max_position_embeddings": 8192, "rms_norm_eps": 1e-6, "rope_theta": 10000.0, "query_pre_attn_scalar": 256,
                 "attn_logit_softcapping": 50.0, "final_logit_softcapping": 30.0, "sliding_window": 4096,
                 "hidden_act": "gelu_pytorch_tanh", "hidden_activation": "gelu_pytorch_tanh"}""");
        add("phi-3-mini-4k", "microsoft/Phi-3-mini-4k-instruct", false, """
                {"model_type": "phi3", "num_hidden_layers": 32, "hidden_size": 3072, "num_attention_heads": 32,
                 "num_key_value_heads": 32, "intermediate_size": 8192, "vocab_size": 32064, "max_position_embeddings": 4096,
                 "original_max_position_embeddings": 4096, "rms_norm_eps": 1e-5, "rope_theta": 10000.0, "sliding_window": 2047,
                 "hidden_act": "silu", "tie_word_embeddings": false}""");
        add("olmo-2-1b", "allenai/OLMo-2-0425-1B", false, """
                {"model_type": "olmo2", "num_hidden_layers": 16, "hidden_size": 2048, "num_attention_heads": 16,
                 "num_key_value_heads": 16, "intermediate_size": 8192, "vocab_size": 100352, "max_position_embeddings": 4096,
                 "rms_norm_eps": 1e-6, "rope_theta": 500000, "hidden_act": "silu", "tie_word_embeddings": false}""");
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
        add(name, repo, gpt2Vocabulary, configJson, false);
    }

    /** A preset whose matrices are generated as bfloat16 (held as 16-bit, like its published checkpoint). */
    private static void addBf16(String name, String repo, String configJson) {
        add(name, repo, false, configJson, true);
    }

    private static void add(String name, String repo, boolean gpt2Vocabulary, String configJson, boolean bf16) {
        if (REGISTRY.containsKey(name)) {
            throw new IllegalStateException("preset registered twice: " + name);
        }
        REGISTRY.put(name, new Preset(name, repo, ConfigLoader.parse("untrained preset " + name, configJson), gpt2Vocabulary, bf16));
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
