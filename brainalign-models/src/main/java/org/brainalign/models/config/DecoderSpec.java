package org.brainalign.models.config;

/**
 * The per-architecture choices of a rotary decoder block, as llama.cpp builds one graph with
 * per-architecture switches: Llama, Mistral, Qwen2/3, Gemma/Gemma 2, Phi-3 and OLMo 2 are the same
 * block (attention with rotary q/k and grouped-query heads, then a gated MLP, each with a residual)
 * and differ only in these choices. Each family's config reader states its spec; the forward pass
 * ({@code DecoderModel}) reads nothing else to decide how to compute.
 *
 * @param norm how an RMSNorm weight is applied
 * @param placement where the norms sit around the two sub-layers
 * @param qkvBias whether q, k and v projections have biases
 * @param outputBias whether the attention output projection has a bias
 * @param mlpBias whether the MLP projections have biases
 * @param qkNorm the RMSNorm on queries and keys, if any
 * @param fusedQkv q, k and v as one {@code qkv_proj} (rows Q, then K, then V), as Phi-3
 * @param fusedGateUp gate and up as one {@code gate_up_proj} (gate rows first), as Phi-3
 * @param scaleEmbedding whether embeddings are multiplied by √hidden_size (Gemma)
 */
public record DecoderSpec(Norm norm, Placement placement, boolean qkvBias, boolean outputBias, boolean mlpBias, QkNorm qkNorm,
                          boolean fusedQkv, boolean fusedGateUp, boolean scaleEmbedding) {

    /** How an RMSNorm applies its weight to {@code x / rms(x)}. */
    public enum Norm {
        /** {@code w · x̂}, weights initialised to 1 (Llama, Qwen, Mistral, Phi-3, OLMo 2). */
        RMS,
        /** {@code (1 + w) · x̂}, weights stored as offsets initialised to 0 (Gemma, Gemma 2). */
        RMS_OFFSET
    }

    /** Where a block's norms sit. */
    public enum Placement {
        /** {@code h = x + attn(n1(x)); out = h + mlp(n2(h))} (Llama and most). */
        PRE,
        /** Gemma 2: {@code h = x + n2(attn(n1(x))); out = h + n4(mlp(n3(h)))}. */
        SANDWICH,
        /** OLMo 2: no input norms, {@code h = x + n2(attn(x)); out = h + n4(mlp(h))}. */
        POST
    }

    /** RMSNorm of queries and keys after their projection, before rotary positions. */
    public enum QkNorm {
        NONE,
        /** Qwen3: one weight of length head_dim, applied to each head. */
        PER_HEAD,
        /** OLMo 2: one weight over all heads' concatenated values (nh·hd for q, nkv·hd for k). */
        WHOLE
    }

    /** Llama's block: pre-norm, plain RMSNorm, biases as the config says. */
    public static DecoderSpec llama(boolean attentionBias, boolean mlpBias) {
        return new DecoderSpec(Norm.RMS, Placement.PRE, attentionBias, attentionBias, mlpBias, QkNorm.NONE, false, false, false);
    }
}
