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
}
