package org.brainalign.models.untrained;

import org.brainalign.models.config.ModelConfig;

/**
 * A named architecture that can be instantiated untrained ({@code untrained:<name>}): the
 * published {@code config.json} values of a HuggingFace model, and the hub repository whose
 * tokenizer it uses.
 *
 * @param name preset name, e.g. {@code gpt2-medium}
 * @param hubRepo the HuggingFace repository the config comes from, e.g. {@code openai-community/gpt2-medium}
 * @param config the architecture
 * @param gpt2Vocabulary whether the model uses GPT-2's BPE (so the bundled GPT-2 tokenizer fits)
 * @param bf16 whether its matrices are generated as bfloat16, as the published checkpoint stores them
 *     (the 7–8 B presets, which would need 28–32 GB as float32)
 */
public record Preset(String name, String hubRepo, ModelConfig config, boolean gpt2Vocabulary, boolean bf16) {
}
