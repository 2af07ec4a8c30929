package org.brainalign.models.config;

/**
 * Llama ({@code model_type = llama}): the reference decoder block — pre-norm RMSNorm, rotary q/k over
 * the whole head, grouped-query attention, SwiGLU MLP; q/k/v/o biases when {@code attention_bias},
 * MLP biases when {@code mlp_bias}. HuggingFace's defaults: rms_norm_eps 1e-6, untied head.
 */
final class LlamaConfig {
    private LlamaConfig() {}

    static DecoderConfig read(ConfigFields f) {
        DecoderConfig.Common c = DecoderConfig.Common.read(f, 1e-6, false, 0);
        return c.with(Family.LLAMA, f.activation("hidden_act", "silu"),
                DecoderSpec.llama(f.boolOr("attention_bias", false), f.boolOr("mlp_bias", false)), c.headScale(), 0, 0, 0,
                c.allGlobal());
    }
}
