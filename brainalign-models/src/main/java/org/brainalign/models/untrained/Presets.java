package org.brainalign.models.untrained;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.brainalign.models.config.Activation;
import org.brainalign.models.config.BertConfig;
import org.brainalign.models.config.Family;
import org.brainalign.models.config.GptNeoXConfig;
import org.brainalign.models.config.Gpt2Config;
import org.brainalign.models.config.LlamaConfig;
import org.brainalign.models.config.RopeScaling;

/**
 * The registry of untrained presets: published HuggingFace architectures by name. Values are those
 * of each model's {@code config.json} on the hub.
 */
public final class Presets {

    private static final Map<String, Preset> REGISTRY = new LinkedHashMap<>();

    static {
        gpt2("distilgpt2", "distilbert/distilgpt2", 6, 768, 12);
        gpt2("gpt2", "openai-community/gpt2", 12, 768, 12);
        gpt2("gpt2-medium", "openai-community/gpt2-medium", 24, 1024, 16);
        gpt2("gpt2-large", "openai-community/gpt2-large", 36, 1280, 20);
        gpt2("gpt2-xl", "openai-community/gpt2-xl", 48, 1600, 25);
        add(new Preset("bert-base-uncased", "google-bert/bert-base-uncased",
                new BertConfig(Family.BERT, 12, 768, 12, 3072, 30522, 512, 2, 0, 1e-12, Activation.GELU_ERF, 0.02), false));
        add(new Preset("roberta-base", "FacebookAI/roberta-base",
                new BertConfig(Family.ROBERTA, 12, 768, 12, 3072, 50265, 514, 1, 1, 1e-5, Activation.GELU_ERF, 0.02), false));
        add(new Preset("pythia-160m", "EleutherAI/pythia-160m",
                new GptNeoXConfig(12, 768, 12, 3072, 50304, 2048, 0.25, 10000, true, true, 1e-5, Activation.GELU_ERF, 0.02,
                        false), false));
        add(new Preset("smollm-135m", "HuggingFaceTB/SmolLM-135M",
                new LlamaConfig(30, 576, 9, 3, 64, 1536, 49152, 2048, 1e-5, 10000, RopeScaling.NONE, false, false,
                        Activation.SILU, 0.02, true, null), false));
        add(new Preset("tinyllama-1.1b", "TinyLlama/TinyLlama-1.1B-intermediate-step-1431k-3T",
                new LlamaConfig(22, 2048, 32, 4, 64, 5632, 32000, 2048, 1e-5, 10000, RopeScaling.NONE, false, false,
                        Activation.SILU, 0.02, false, null), false));
    }

    private Presets() {
    }

    private static void gpt2(String name, String repo, int layers, int width, int heads) {
        add(new Preset(name, repo, Gpt2Config.of(layers, width, heads, 50257, 1024), true));
    }

    private static void add(Preset preset) {
        REGISTRY.put(preset.name(), preset);
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
