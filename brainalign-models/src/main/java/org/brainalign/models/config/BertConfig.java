package org.brainalign.models.config;

import org.brainalign.models.ModelFormatException;

/**
 * BERT and RoBERTa ({@code model_type = bert | roberta}): post-LN bidirectional encoders with
 * word + position + token-type embeddings. RoBERTa differs only in its position ids, which start
 * at {@code pad_token_id + 1}.
 *
 * @param family {@link Family#BERT} or {@link Family#ROBERTA}
 * @param padTokenId the padding id ({@code pad_token_id}); RoBERTa's position offset derives from it
 */
public record BertConfig(Family family, int numLayers, int hiddenSize, int numHeads, int intermediateSize,
                         int vocabSize, int maxPositions, int typeVocabSize, int padTokenId, double layerNormEps,
                         Activation activation, double initializerRange) implements ModelConfig {

    public BertConfig {
        if (family != Family.BERT && family != Family.ROBERTA) {
            throw new IllegalArgumentException("BertConfig is for bert or roberta, not " + family);
        }
        String f = family.modelType();
        ModelConfig.requirePositive(f, "num_hidden_layers", numLayers);
        ModelConfig.requirePositive(f, "hidden_size", hiddenSize);
        ModelConfig.requirePositive(f, "num_attention_heads", numHeads);
        ModelConfig.requirePositive(f, "intermediate_size", intermediateSize);
        ModelConfig.requirePositive(f, "vocab_size", vocabSize);
        ModelConfig.requirePositive(f, "max_position_embeddings", maxPositions);
        ModelConfig.requirePositive(f, "type_vocab_size", typeVocabSize);
        ModelConfig.requirePositive(f, "layer_norm_eps", layerNormEps);
        if (hiddenSize % numHeads != 0) {
            throw new IllegalArgumentException(f + " config: hidden_size " + hiddenSize
                    + " is not divisible by num_attention_heads " + numHeads);
        }
        if (family == Family.ROBERTA && padTokenId + 1 >= maxPositions) {
            throw new IllegalArgumentException("roberta config: pad_token_id " + padTokenId
                    + " leaves no positions below max_position_embeddings " + maxPositions);
        }
    }

    /** Position id of the first token: 0 for BERT, {@code pad_token_id + 1} for RoBERTa. */
    public int firstPositionId() {
        return family == Family.ROBERTA ? padTokenId + 1 : 0;
    }

    /** How many tokens fit: RoBERTa loses the positions up to its offset. */
    public int usablePositions() {
        return maxPositions - firstPositionId();
    }

    @Override
    public boolean tieWordEmbeddings() {
        return true;
    }

    /** Reads the record from a {@code config.json}, with HuggingFace's defaults. */
    static BertConfig read(Family family, ConfigFields f) {
        String positionType = f.optString("position_embedding_type").orElse("absolute");
        if (!positionType.equals("absolute")) {
            throw new ModelFormatException(f.source() + ": position_embedding_type '" + positionType
                    + "' is not supported; only 'absolute' is");
        }
        return new BertConfig(family, f.requireInt("num_hidden_layers"), f.requireInt("hidden_size"),
                f.requireInt("num_attention_heads"), f.requireInt("intermediate_size"), f.requireInt("vocab_size"),
                f.requireInt("max_position_embeddings"), f.intOr("type_vocab_size", 2),
                f.intOr("pad_token_id", family == Family.ROBERTA ? 1 : 0), f.doubleOr("layer_norm_eps", 1e-12),
                f.activation("hidden_act", "gelu"), f.doubleOr("initializer_range", 0.02));
    }
}
