package org.brainalign.models;

import org.brainalign.models.nn.TransformerModel;
import org.brainalign.models.tokenizer.TextTokenizer;

/**
 * A model ready to run: its network (weights resident), its tokenizer, and a stable identifier.
 * Closing it frees the weights and the tokenizer.
 *
 * @param id {@code untrained:<preset>[@seed]} or the checkpoint directory's name
 * @param network the transformer
 * @param tokenizer its tokenizer
 * @param weights where the weights came from
 */
public record LoadedModel(String id, TransformerModel network, TextTokenizer tokenizer, String weights)
        implements AutoCloseable {

    @Override
    public void close() {
        network.close();
        tokenizer.close();
    }
}
