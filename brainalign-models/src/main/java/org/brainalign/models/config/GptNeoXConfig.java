package org.brainalign.models.config;

/**
 * GPT-NeoX / Pythia ({@code model_type = gpt_neox}): LayerNorm pre-norm blocks with a fused,
 * head-interleaved {@code query_key_value}, rotary positions on the first {@code rotary_pct} of
 * each head, and (Pythia) the parallel residual {@code x + attn(ln1(x)) + mlp(ln2(x))}.
 *
 * @param rotaryPct fraction of each head's width that is rotated ({@code rotary_pct} /
 *                  {@code partial_rotary_factor})
 */
public record GptNeoXConfig(int numLayers, int hiddenSize, int numHeads, int intermediateSize, int vocabSize,
                            int maxPositions, double rotaryPct, double rotaryBase, boolean useParallelResidual,
                            boolean attentionBias, double layerNormEps, Activation activation,
                            double initializerRange, boolean tieWordEmbeddings) implements ModelConfig {

    public GptNeoXConfig {
        ModelConfig.requirePositive("gpt_neox", "num_hidden_layers", numLayers);
        ModelConfig.requirePositive("gpt_neox", "hidden_size", hiddenSize);
        ModelConfig.requirePositive("gpt_neox", "num_attention_heads", numHeads);
        ModelConfig.requirePositive("gpt_neox", "intermediate_size", intermediateSize);
        ModelConfig.requirePositive("gpt_neox", "vocab_size", vocabSize);
        ModelConfig.requirePositive("gpt_neox", "max_position_embeddings", maxPositions);
        ModelConfig.requirePositive("gpt_neox", "layer_norm_eps", layerNormEps);
        ModelConfig.requirePositive("gpt_neox", "rotary_emb_base", rotaryBase);
        if (hiddenSize % numHeads != 0) {
            throw new IllegalArgumentException("gpt_neox config: hidden_size " + hiddenSize
                    + " is not divisible by num_attention_heads " + numHeads);
        }
        if (!(rotaryPct > 0 && rotaryPct <= 1)) {
            throw new IllegalArgumentException("gpt_neox config: rotary_pct must be in (0, 1], found " + rotaryPct);
        }
    }

    /** Number of rotated dimensions per head, as HF computes it: {@code int(head_dim × rotary_pct)}. */
    public int rotaryDims() {
        return (int) (headDim() * rotaryPct);
    }

    @Override
    public Family family() {
        return Family.GPT_NEOX;
    }

    /** Reads the record from a {@code config.json}, with HuggingFace's defaults. */
    static GptNeoXConfig read(ConfigFields f) {
        ConfigFields rope = f.object("rope_parameters");
        double pct = f.optDouble("rotary_pct").or(() -> rope.optDouble("partial_rotary_factor")).orElse(0.25);
        double base = f.optDouble("rotary_emb_base").or(() -> rope.optDouble("rope_theta")).orElse(10000.0);
        return new GptNeoXConfig(f.requireInt("num_hidden_layers"), f.requireInt("hidden_size"),
                f.requireInt("num_attention_heads"), f.requireInt("intermediate_size"), f.requireInt("vocab_size"),
                f.requireInt("max_position_embeddings"), pct, base, f.boolOr("use_parallel_residual", true),
                f.boolOr("attention_bias", true), f.doubleOr("layer_norm_eps", 1e-5), f.activation("hidden_act", "gelu"),
                f.doubleOr("initializer_range", 0.02), f.boolOr("tie_word_embeddings", false));
    }
}
