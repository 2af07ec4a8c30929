package org.brainalign.models.config;

/**
 * Qwen3 ({@code model_type = qwen3}): Llama's block with an explicit {@code head_dim} (default 128,
 * independent of hidden / heads) and an RMSNorm on each head of q and k (weights of length head_dim)
 * before rotary positions; biases on q/k/v/o only when {@code attention_bias}. Sliding windows as
 * Qwen2.
 */
final class Qwen3Config {
    private Qwen3Config() {}

    static DecoderConfig read(ConfigFields f) {
        DecoderConfig.Common c = DecoderConfig.Common.read(f, 1e-6, false, 128);
        boolean bias = f.boolOr("attention_bias", false);
        return c.with(Family.QWEN3, f.activation("hidden_act", "silu"),
                new DecoderSpec(DecoderSpec.Names.LLAMA, DecoderSpec.Norm.RMS, DecoderSpec.Placement.PRE,
                        DecoderSpec.Qkv.SEPARATE, bias, bias, DecoderSpec.Mlp.GATED, false, DecoderSpec.QkNorm.PER_HEAD, false), c.headScale(), 0, 0, Qwen2Config.window(f),
                Qwen2Config.localLayers(f, c.numLayers()));
    }
}
