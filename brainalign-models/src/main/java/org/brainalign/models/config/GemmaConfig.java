package org.brainalign.models.config;

/**
 * Gemma ({@code model_type = gemma}): Llama's block with RMSNorms that scale by {@code 1 + w}
 * (weights stored as offsets), embeddings multiplied by √hidden_size (rounded to float32), a GeGLU
 * MLP ({@code hidden_act}, default {@code gelu_pytorch_tanh}; a legacy {@code "gelu"} is read as
 * {@code gelu_pytorch_tanh}, as transformers 5 rewrites it), head_dim 256 by default and a tied head.
 */
final class GemmaConfig {
    private GemmaConfig() {}

    static DecoderConfig read(ConfigFields f) {
        DecoderConfig.Common c = DecoderConfig.Common.read(f, 1e-6, true, 256);
        boolean bias = f.boolOr("attention_bias", false);
        Activation act = f.optString("hidden_act").filter("gelu"::equals).isPresent() ? Activation.GELU_TANH
                : f.activation("hidden_act", "gelu_pytorch_tanh");
        return c.with(Family.GEMMA, act,
                new DecoderSpec(DecoderSpec.Names.LLAMA, DecoderSpec.Norm.RMS_OFFSET, DecoderSpec.Placement.PRE,
                        DecoderSpec.Qkv.SEPARATE, bias, bias, DecoderSpec.Mlp.GATED, false, DecoderSpec.QkNorm.NONE, true), c.headScale(), 0, 0, 0, c.allGlobal());
    }
}
