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
 */
public record Preset(String name, String hubRepo, ModelConfig config, boolean gpt2Vocabulary) {
}
