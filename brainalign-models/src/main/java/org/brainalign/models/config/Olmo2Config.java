package org.brainalign.models.config;

/**
 * OLMo 2 ({@code model_type = olmo2}): no norm before the sub-layers; instead each sub-layer's output
 * is normed before the residual ({@code h = x + n(attn(x)); out = h + n(mlp(h))}), and q and k are
 * RMS-normed over all heads at once (weights of length nh·hd and nkv·hd) before rotary positions.
 * rms_norm_eps 1e-5 by default.
 */
final class Olmo2Config {
    private Olmo2Config() {}

    static DecoderConfig read(ConfigFields f) {
        DecoderConfig.Common c = DecoderConfig.Common.read(f, 1e-5, false, 0);
        boolean bias = f.boolOr("attention_bias", false);
        return c.with(Family.OLMO2, f.activation("hidden_act", "silu"),
                new DecoderSpec(DecoderSpec.Names.LLAMA, DecoderSpec.Norm.RMS, DecoderSpec.Placement.POST,
                        DecoderSpec.Qkv.SEPARATE, bias, bias, DecoderSpec.Mlp.GATED, false, DecoderSpec.QkNorm.WHOLE, false), c.headScale(), 0, 0, 0, c.allGlobal());
    }
}
