package org.brainalign.models.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Qwen2 / Qwen2.5 ({@code model_type = qwen2}): Llama's block with biases on q, k and v (always) and
 * none on the output projection. A sliding window applies only when {@code use_sliding_window} is
 * true (no official checkpoint sets it), then to the layers {@code layer_types} marks, else to layers
 * from {@code max_window_layers} on.
 */
final class Qwen2Config {
    private Qwen2Config() {}

    static DecoderConfig read(ConfigFields f) {
        DecoderConfig.Common c = DecoderConfig.Common.read(f, 1e-6, false, 0);
        return c.with(Family.QWEN2, f.activation("hidden_act", "silu"),
                new DecoderSpec(DecoderSpec.Names.LLAMA, DecoderSpec.Norm.RMS, DecoderSpec.Placement.PRE,
                        DecoderSpec.Qkv.SEPARATE, true, false, DecoderSpec.Mlp.GATED, false, DecoderSpec.QkNorm.NONE, false), c.headScale(), 0, 0, window(f), localLayers(f, c.numLayers()));
    }

    /** The window when {@code use_sliding_window} turns it on, else 0 (Qwen2 and Qwen3 share the rule). */
    static int window(ConfigFields f) {
        return f.boolOr("use_sliding_window", false) ? f.nullableInt("sliding_window", 4096).orElse(0) : 0;
    }

    /** {@code layer_types}, else sliding from {@code max_window_layers} (default 28) on. */
    static List<Boolean> localLayers(ConfigFields f, int layers) {
        int from = f.intOr("max_window_layers", 28);
        List<Boolean> fallback = new ArrayList<>();
        for (int i = 0; i < layers; i++) {
            fallback.add(i >= from);
        }
        return DecoderConfig.layerTypes(f, layers, fallback);
    }
}
