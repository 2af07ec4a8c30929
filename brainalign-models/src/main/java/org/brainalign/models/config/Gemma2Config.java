package org.brainalign.models.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Gemma 2 ({@code model_type = gemma2}): Gemma's norms and scaled embeddings, four norms per block
 * (before and after each sub-layer), attention scaled by {@code query_pre_attn_scalar^−½} (default
 * 256) with its scores soft-capped at {@code attn_logit_softcapping} (default 50) before the mask,
 * logits soft-capped at {@code final_logit_softcapping} (default 30), and a sliding window of
 * {@code sliding_window} (default 4096) on the even layers 0, 2, 4, … ({@code layer_types} where the
 * config lists them). The MLP's activation is {@code hidden_activation} (default gelu_pytorch_tanh).
 */
final class Gemma2Config {
    private Gemma2Config() {}

    static DecoderConfig read(ConfigFields f) {
        DecoderConfig.Common c = DecoderConfig.Common.read(f, 1e-6, true, 256);
        boolean bias = f.boolOr("attention_bias", false);
        List<Boolean> even = new ArrayList<>();
        for (int i = 0; i < c.numLayers(); i++) {
            even.add(i % 2 == 0);
        }
        double scalar = f.doubleOr("query_pre_attn_scalar", 256);
        ModelConfig.requirePositive("gemma2", "query_pre_attn_scalar", scalar);
        return c.with(Family.GEMMA2, f.activation("hidden_activation", "gelu_pytorch_tanh"),
                new DecoderSpec(DecoderSpec.Names.LLAMA, DecoderSpec.Norm.RMS_OFFSET, DecoderSpec.Placement.SANDWICH,
                        DecoderSpec.Qkv.SEPARATE, bias, bias, DecoderSpec.Mlp.GATED, false, DecoderSpec.QkNorm.NONE, true), 1 / Math.sqrt(scalar),
                f.isNull("attn_logit_softcapping") ? 0 : f.doubleOr("attn_logit_softcapping", 50.0),
                f.isNull("final_logit_softcapping") ? 0 : f.doubleOr("final_logit_softcapping", 30.0),
                f.nullableInt("sliding_window", 4096).orElse(0), DecoderConfig.layerTypes(f, c.numLayers(), even));
    }
}
