package org.brainalign.models.config;

/**
 * Mistral ({@code model_type = mistral}): Llama's block without biases, and a sliding window of
 * {@code sliding_window} tokens on every layer when the config sets one (class default 4096, as
 * Mistral-7B-v0.1 ships; v0.2 and later write null, which turns it off). The window only matters for
 * texts longer than it.
 */
final class MistralConfig {
    private MistralConfig() {}

    static DecoderConfig read(ConfigFields f) {
        DecoderConfig.Common c = DecoderConfig.Common.read(f, 1e-6, false, 0);
        int window = f.nullableInt("sliding_window", 4096).orElse(0);
        return c.with(Family.MISTRAL, f.activation("hidden_act", "silu"), DecoderSpec.llama(false, false), c.headScale(), 0, 0,
                window, c.allLocal());
    }
}
