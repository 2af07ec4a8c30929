package org.brainalign.models.config;

/**
 * GPT-2 ({@code model_type = gpt2}): learned absolute positions, pre-LN blocks with fused
 * {@code c_attn}, Conv1D weights stored as (in × out), final {@code ln_f}, tied LM head.
 *
 * @param nInner MLP width ({@code n_inner}, null in HF meaning 4 × n_embd)
 */
public record Gpt2Config(int numLayers, int hiddenSize, int numHeads, int vocabSize, int maxPositions, int nInner,
                         double layerNormEpsilon, Activation activation, boolean scaleAttnWeights,
                         boolean scaleAttnByInverseLayerIdx, double initializerRange, boolean tieWordEmbeddings)
        implements ModelConfig {

    public Gpt2Config {
        ModelConfig.requirePositive("gpt2", "n_layer", numLayers);
        ModelConfig.requirePositive("gpt2", "n_embd", hiddenSize);
        ModelConfig.requirePositive("gpt2", "n_head", numHeads);
        ModelConfig.requirePositive("gpt2", "vocab_size", vocabSize);
        ModelConfig.requirePositive("gpt2", "n_positions", maxPositions);
        ModelConfig.requirePositive("gpt2", "n_inner", nInner);
        ModelConfig.requireNormEpsilon("gpt2", "layer_norm_epsilon", layerNormEpsilon);
        if (hiddenSize % numHeads != 0) {
            throw new IllegalArgumentException("gpt2 config: n_embd " + hiddenSize + " is not divisible by n_head " + numHeads);
        }
    }

    /** A GPT-2 of the given size with HF's defaults for everything else. */
    public static Gpt2Config of(int layers, int width, int heads, int vocab, int positions) {
        return new Gpt2Config(layers, width, heads, vocab, positions, 4 * width, 1e-5, Activation.GELU_TANH, true, false,
                0.02, true);
    }

    @Override
    public Family family() {
        return Family.GPT2;
    }

    /** Reads the record from a {@code config.json}, with HuggingFace's defaults. */
    static Gpt2Config read(ConfigFields f) {
        int width = f.requireInt("n_embd");
        if (f.optInt("n_inner").isEmpty() && 4L * width > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("'n_embd' " + width + " is too large: the MLP width it implies (4 × n_embd = "
                    + 4L * width + ") exceeds 2^31 - 1");
        }
        return new Gpt2Config(f.requireInt("n_layer"), width, f.requireInt("n_head"), f.requireInt("vocab_size"),
                f.requireInt("n_positions"), f.optInt("n_inner").orElse(4 * width), f.doubleOr("layer_norm_epsilon", 1e-5),
                f.activation("activation_function", "gelu_new"), f.boolOr("scale_attn_weights", true),
                f.boolOr("scale_attn_by_inverse_layer_idx", false), f.doubleOr("initializer_range", 0.02),
                f.boolOr("tie_word_embeddings", true));
    }
}
