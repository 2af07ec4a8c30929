package org.brainalign.models.config;

/**
 * Phi-3 ({@code model_type = phi3}): Llama's block with q, k and v fused into {@code qkv_proj} (rows
 * Q, then K, then V) and gate and up fused into {@code gate_up_proj} (gate rows first), rotary
 * positions on the first {@code partial_rotary_factor} of each head, rms_norm_eps 1e-5 by default,
 * and a sliding window on every layer when {@code sliding_window} is set (class default none).
 * LongRoPE scaling (the 128k checkpoints) is refused by name, not approximated.
 */
final class Phi3Config {
    private Phi3Config() {}

    static DecoderConfig read(ConfigFields f) {
        DecoderConfig.Common c = DecoderConfig.Common.read(f, 1e-5, false, 0);
        return c.with(Family.PHI3, f.activation("hidden_act", "silu"),
                new DecoderSpec(DecoderSpec.Names.LLAMA, DecoderSpec.Norm.RMS, DecoderSpec.Placement.PRE,
                        DecoderSpec.Qkv.FUSED, false, false, DecoderSpec.Mlp.GATED_FUSED, false, DecoderSpec.QkNorm.NONE, false), c.headScale(), 0, 0, f.nullableInt("sliding_window", null).orElse(0), c.allLocal());
    }
}
