package org.brainalign.models.config;

/**
 * Llama ({@code model_type = llama}): RMSNorm pre-norm blocks, rotary positions (full head width),
 * SwiGLU MLP and grouped-query attention ({@code num_key_value_heads ≤ num_attention_heads}).
 */
public record LlamaConfig(int numLayers, int hiddenSize, int numHeads, int numKeyValueHeads, int headDim,
                          int intermediateSize, int vocabSize, int maxPositions, double rmsNormEps, double ropeTheta,
                          RopeScaling ropeScaling, boolean attentionBias, boolean mlpBias, Activation activation,
                          double initializerRange, boolean tieWordEmbeddings, Integer padTokenId) implements ModelConfig {

    public LlamaConfig {
        ModelConfig.requirePositive("llama", "num_hidden_layers", numLayers);
        ModelConfig.requirePositive("llama", "hidden_size", hiddenSize);
        ModelConfig.requirePositive("llama", "num_attention_heads", numHeads);
        ModelConfig.requirePositive("llama", "num_key_value_heads", numKeyValueHeads);
        ModelConfig.requirePositive("llama", "head_dim", headDim);
        ModelConfig.requirePositive("llama", "intermediate_size", intermediateSize);
        ModelConfig.requirePositive("llama", "vocab_size", vocabSize);
        ModelConfig.requirePositive("llama", "max_position_embeddings", maxPositions);
        ModelConfig.requirePositive("llama", "rms_norm_eps", rmsNormEps);
        ModelConfig.requirePositive("llama", "rope_theta", ropeTheta);
        if (numHeads % numKeyValueHeads != 0) {
            throw new IllegalArgumentException("llama config: num_attention_heads " + numHeads
                    + " is not a multiple of num_key_value_heads " + numKeyValueHeads);
        }
        if (headDim % 2 != 0) {
            throw new IllegalArgumentException("llama config: head_dim " + headDim + " must be even for rotary embeddings");
        }
    }

    @Override
    public Family family() {
        return Family.LLAMA;
    }

    /** Reads the record from a {@code config.json}, with HuggingFace's defaults. */
    static LlamaConfig read(ConfigFields f) {
        int hidden = f.requireInt("hidden_size");
        int heads = f.requireInt("num_attention_heads");
        ConfigFields rope = f.object("rope_parameters");
        double theta = f.optDouble("rope_theta").or(() -> rope.optDouble("rope_theta")).orElse(10000.0);
        ConfigFields scaling = f.has("rope_scaling") ? f.object("rope_scaling") : rope;
        return new LlamaConfig(f.requireInt("num_hidden_layers"), hidden, heads, f.intOr("num_key_value_heads", heads),
                f.optInt("head_dim").orElse(hidden / heads), f.requireInt("intermediate_size"), f.requireInt("vocab_size"),
                f.requireInt("max_position_embeddings"), f.doubleOr("rms_norm_eps", 1e-6), theta, RopeScaling.read(scaling),
                f.boolOr("attention_bias", false), f.boolOr("mlp_bias", false), f.activation("hidden_act", "silu"),
                f.doubleOr("initializer_range", 0.02), f.boolOr("tie_word_embeddings", false),
                f.optInt("pad_token_id").orElse(null));
    }
}
