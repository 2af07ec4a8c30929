package org.brainalign.models.config;

import org.brainalign.models.ModelFormatException;

/**
 * BERT-layout encoders ({@code model_type = bert | roberta | xlm-roberta | electra | albert |
 * distilbert}): post-LN bidirectional encoders with word + position (+ token-type) embeddings.
 * RoBERTa and XLM-R (RoBERTa's layout under its own name) differ only in their position ids, which
 * start at {@code pad_token_id + 1}; ELECTRA and ALBERT embed in {@code embedding_size} dimensions and
 * project to {@code hidden_size} (ELECTRA only when the two differ); ALBERT shares one layer per
 * group across its {@code num_hidden_layers}; DistilBERT has no token types, its own key names
 * ({@code dim}, {@code n_layers}, …) and LayerNorm eps fixed at 1e-12. The tensor names of each are
 * in {@code BertModel}.
 *
 * @param family {@link Family#BERT}, {@link Family#ROBERTA}, {@link Family#XLM_ROBERTA} or {@link Family#ELECTRA}
 * @param padTokenId the padding id ({@code pad_token_id}); RoBERTa's position offset derives from it
 * @param embeddingSize the width of the embeddings before their projection to {@code hiddenSize} (ELECTRA, ALBERT)
 * @param hiddenGroups ALBERT's {@code num_hidden_groups}: layer i runs group {@code i / (numLayers / hiddenGroups)}; 1 elsewhere
 */
public record BertConfig(Family family, int numLayers, int hiddenSize, int numHeads, int intermediateSize,
                         int vocabSize, int maxPositions, int typeVocabSize, int padTokenId, double layerNormEps,
                         Activation activation, double initializerRange, int embeddingSize, int hiddenGroups)
        implements ModelConfig {

    /** A config whose embeddings are as wide as its hidden states (BERT, RoBERTa, XLM-R). */
    public BertConfig(Family family, int numLayers, int hiddenSize, int numHeads, int intermediateSize, int vocabSize,
            int maxPositions, int typeVocabSize, int padTokenId, double layerNormEps, Activation activation,
            double initializerRange) {
        this(family, numLayers, hiddenSize, numHeads, intermediateSize, vocabSize, maxPositions, typeVocabSize, padTokenId,
                layerNormEps, activation, initializerRange, hiddenSize, 1);
    }

    public BertConfig {
        if (family.architecture() != org.brainalign.models.nn.BertModel.ARCHITECTURE) {
            throw new IllegalArgumentException("BertConfig is for the BERT-layout encoders, not " + family);
        }
        ModelConfig.requirePositive(family.modelType(), "embedding_size", embeddingSize);
        ModelConfig.requirePositive(family.modelType(), "num_hidden_groups", hiddenGroups);
        if (numLayers % hiddenGroups != 0) {
            throw new IllegalArgumentException(family.modelType() + " config: num_hidden_layers " + numLayers
                    + " is not a multiple of num_hidden_groups " + hiddenGroups);
        }
        String f = family.modelType();
        ModelConfig.requirePositive(f, "num_hidden_layers", numLayers);
        ModelConfig.requirePositive(f, "hidden_size", hiddenSize);
        ModelConfig.requirePositive(f, "num_attention_heads", numHeads);
        ModelConfig.requirePositive(f, "intermediate_size", intermediateSize);
        ModelConfig.requirePositive(f, "vocab_size", vocabSize);
        ModelConfig.requirePositive(f, "max_position_embeddings", maxPositions);
        ModelConfig.requirePositive(f, "type_vocab_size", typeVocabSize);
        ModelConfig.requireNormEpsilon(f, "layer_norm_eps", layerNormEps);
        if (hiddenSize % numHeads != 0) {
            throw new IllegalArgumentException(f + " config: hidden_size " + hiddenSize
                    + " is not divisible by num_attention_heads " + numHeads);
        }
        if ((family == Family.ROBERTA || family == Family.XLM_ROBERTA) && padTokenId + 1 >= maxPositions) {
            throw new IllegalArgumentException(f + " config: pad_token_id " + padTokenId
                    + " leaves no positions below max_position_embeddings " + maxPositions);
        }
    }

    /** Whether position ids count from {@code pad_token_id + 1}, skipping padding (RoBERTa, XLM-R). */
    public boolean robertaPositions() {
        return family == Family.ROBERTA || family == Family.XLM_ROBERTA;
    }

    /** Position id of the first token: 0 for BERT, {@code pad_token_id + 1} for RoBERTa. */
    public int firstPositionId() {
        return robertaPositions() ? padTokenId + 1 : 0;
    }

    /** How many tokens fit: RoBERTa loses the positions up to its offset. */
    public int usablePositions() {
        return maxPositions - firstPositionId();
    }

    @Override
    public boolean tieWordEmbeddings() {
        return true;
    }

    /** Whether the embeddings feed a projection to hidden_size (ALBERT always; ELECTRA when the widths differ). */
    public boolean projectsEmbeddings() {
        return family == Family.ALBERT || embeddingSize != hiddenSize;
    }

    /** Whether the model has token-type embeddings (all but DistilBERT). */
    public boolean tokenTypes() {
        return family != Family.DISTILBERT;
    }

    /** DistilBERT's {@code config.json}: its own key names, no token types, LayerNorm eps fixed at 1e-12. */
    static BertConfig readDistilBert(ConfigFields f) {
        int dim = f.requireInt("dim");
        return new BertConfig(Family.DISTILBERT, f.requireInt("n_layers"), dim, f.requireInt("n_heads"), f.requireInt("hidden_dim"),
                f.requireInt("vocab_size"), f.requireInt("max_position_embeddings"), 1, f.intOr("pad_token_id", 0), 1e-12,
                f.activation("activation", "gelu"), f.doubleOr("initializer_range", 0.02), dim, 1);
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
                f.intOr("pad_token_id", family == Family.ROBERTA || family == Family.XLM_ROBERTA ? 1 : 0),
                f.doubleOr("layer_norm_eps", 1e-12), f.activation("hidden_act", family == Family.ALBERT ? "gelu_new" : "gelu"),
                f.doubleOr("initializer_range", 0.02),
                family == Family.ELECTRA || family == Family.ALBERT ? f.intOr("embedding_size", 128) : f.requireInt("hidden_size"),
                family == Family.ALBERT ? albertGroups(f) : 1);
    }

    /** ALBERT's num_hidden_groups; inner_group_num other than 1 (no published checkpoint) is refused by name. */
    private static int albertGroups(ConfigFields f) {
        int inner = f.intOr("inner_group_num", 1);
        if (inner != 1) {
            throw new ModelFormatException(f.source() + ": 'inner_group_num' " + inner + " is not supported; every published ALBERT "
                    + "has 1 (one shared layer per group)");
        }
        return f.intOr("num_hidden_groups", 1);
    }
}
