package org.brainalign.models.config;

/**
 * OPT ({@code model_type = opt}; Zhang et al. 2022): learned positions looked up at position + 2,
 * token embeddings of {@code word_embed_proj_dim} projected in and out when that differs from
 * {@code hidden_size} (opt-350m), pre-LN blocks ({@code do_layer_norm_before}, the default) or
 * post-LN ones (opt-350m), a ReLU MLP ({@code activation_function}), biases where
 * {@code enable_bias}, LayerNorm eps 1e-5 (fixed), a final LayerNorm only for pre-LN models, and a
 * head tied to the token embeddings.
 */
public record OptConfig(int numLayers, int hiddenSize, int numHeads, int ffnDim, int vocabSize, int maxPositions,
                        int wordEmbedProjDim, boolean layerNormBefore, boolean finalLayerNorm, boolean bias, boolean normAffine,
                        Activation activation, double initializerRange, int padTokenId) implements ModelConfig {

    /** The position table's offset: HF's OPTLearnedPositionalEmbedding looks position p up at row p + 2. */
    public static final int POSITION_OFFSET = 2;
    /** OPT's LayerNorms use torch's default eps (no config field). */
    public static final double LAYER_NORM_EPS = 1e-5;

    public OptConfig {
        ModelConfig.requirePositive("opt", "num_hidden_layers", numLayers);
        ModelConfig.requirePositive("opt", "hidden_size", hiddenSize);
        ModelConfig.requirePositive("opt", "num_attention_heads", numHeads);
        ModelConfig.requirePositive("opt", "ffn_dim", ffnDim);
        ModelConfig.requirePositive("opt", "vocab_size", vocabSize);
        ModelConfig.requirePositive("opt", "max_position_embeddings", maxPositions);
        ModelConfig.requirePositive("opt", "word_embed_proj_dim", wordEmbedProjDim);
        if (hiddenSize % numHeads != 0) {
            throw new IllegalArgumentException("opt config: hidden_size " + hiddenSize + " is not divisible by num_attention_heads "
                    + numHeads);
        }
    }

    @Override
    public Family family() {
        return Family.OPT;
    }

    @Override
    public boolean tieWordEmbeddings() {
        return true;
    }

    /** Whether token embeddings are projected in (and the last hidden state out). */
    public boolean projects() {
        return wordEmbedProjDim != hiddenSize;
    }

    static OptConfig read(ConfigFields f) {
        int hidden = f.optInt("hidden_size").or(() -> f.optInt("d_model")).orElseThrow(() -> f.missing("hidden_size", "an integer"));
        boolean before = f.boolOr("do_layer_norm_before", true);
        return new OptConfig(f.requireInt("num_hidden_layers"), hidden, f.requireInt("num_attention_heads"), f.requireInt("ffn_dim"),
                f.requireInt("vocab_size"), f.requireInt("max_position_embeddings"), f.intOr("word_embed_proj_dim", hidden), before,
                before && !f.boolOr("_remove_final_layer_norm", false), f.boolOr("enable_bias", true),
                f.boolOr("layer_norm_elementwise_affine", true), f.activation("activation_function", "relu"),
                f.doubleOr("init_std", 0.02), f.intOr("pad_token_id", 1));
    }
}
