package org.brainalign.models.config;

/**
 * The per-architecture choices of a decoder block, as llama.cpp builds one graph with
 * per-architecture switches: GPT-NeoX, Llama, Mistral, Qwen2/3, Gemma/Gemma 2, Phi-3 and OLMo 2 are
 * the same block (attention with rotary q/k and grouped-query heads, then an MLP, each with a
 * residual) and differ only in these choices and in their tensor names. Each family's config reader
 * states its spec; the forward pass ({@code DecoderModel}) reads nothing else to decide how to
 * compute.
 *
 * @param names the family's module and tensor names
 * @param norm which norm, and how it applies its weight
 * @param placement where the norms sit around the two sub-layers
 * @param qkv how q, k and v are projected
 * @param qkvBias whether the q, k and v projections have biases
 * @param outputBias whether the attention output projection has a bias
 * @param mlp the MLP's form
 * @param mlpBias whether the MLP projections have biases
 * @param qkNorm the RMSNorm on queries and keys, if any
 * @param scaleEmbedding whether embeddings are multiplied by √hidden_size (Gemma)
 */
public record DecoderSpec(Names names, Norm norm, Placement placement, Qkv qkv, boolean qkvBias, boolean outputBias, Mlp mlp,
                          boolean mlpBias, QkNorm qkNorm, boolean scaleEmbedding) {

    /** The norm of every norm position, and how it applies its weight. */
    public enum Norm {
        /** RMSNorm {@code w · x̂}, weights initialised to 1 (Llama, Qwen, Mistral, Phi-3, OLMo 2). */
        RMS,
        /** RMSNorm {@code (1 + w) · x̂}, weights stored as offsets initialised to 0 (Gemma, Gemma 2). */
        RMS_OFFSET,
        /** LayerNorm {@code w · (x − mean) / σ + b}, with a bias (GPT-NeoX). */
        LAYER
    }

    /** Where a block's norms sit. */
    public enum Placement {
        /** {@code h = x + attn(n1(x)); out = h + mlp(n2(h))} (Llama and most). */
        PRE,
        /** GPT-NeoX's {@code use_parallel_residual}: {@code out = x + attn(n1(x)) + mlp(n2(x))}. */
        PARALLEL,
        /** Gemma 2: {@code h = x + n2(attn(n1(x))); out = h + n4(mlp(n3(h)))}. */
        SANDWICH,
        /** OLMo 2: no input norms, {@code h = x + n2(attn(x)); out = h + n4(mlp(h))}. */
        POST
    }

    /** How q, k and v are projected from the block's input. */
    public enum Qkv {
        /** Three projections {@code q_proj}, {@code k_proj}, {@code v_proj}. */
        SEPARATE,
        /** One projection {@link Names#qkv}, rows Q, then K, then V (Phi-3). */
        FUSED,
        /** One projection {@link Names#qkv}, laid out per head as {@code [q | k | v]} (GPT-NeoX). */
        FUSED_PER_HEAD
    }

    /** The MLP between {@link Names#up} (or the gate) and {@link Names#down}. */
    public enum Mlp {
        /** {@code down(act(gate_proj(x)) · up(x))} (SwiGLU / GeGLU). */
        GATED,
        /** The same with gate and up as one {@code gate_up_proj}, gate rows first (Phi-3). */
        GATED_FUSED,
        /** {@code down(act(up(x)))} (GPT-NeoX). */
        PLAIN
    }

    /** RMSNorm of queries and keys after their projection, before rotary positions. */
    public enum QkNorm {
        NONE,
        /** Qwen3: one weight of length head_dim, applied to each head. */
        PER_HEAD,
        /** OLMo 2: one weight over all heads' concatenated values (nh·hd for q, nkv·hd for k). */
        WHOLE
    }

    /**
     * A family's HuggingFace names: parameters are {@code prefix + embedding + ".weight"}, {@code
     * prefix + "layers.<i>." + attention + "." + qkv …}, {@code prefix + finalNorm}, and {@code head}
     * at the top level; the embedding's recorded output is the module {@code prefix + embeddingOutput}.
     * The separate projections and gates ({@code q_proj}, {@code gate_proj}, …) only occur under
     * Llama's names.
     *
     * @param prefix the base model's key prefix ({@code model.})
     * @param embedding the token embedding module
     * @param embeddingOutput the module whose output {@code output_hidden_states} reports first
     * @param attention the attention module of a block
     * @param qkv the fused q/k/v projection
     * @param output the attention output projection
     * @param up the MLP's up projection
     * @param down the MLP's down projection
     * @param finalNorm the norm after the last block
     * @param head the LM head (top level)
     */
    public record Names(String prefix, String embedding, String embeddingOutput, String attention, String qkv, String output,
                        String up, String down, String finalNorm, String head) {
        /** Llama's names, which Mistral, Qwen, Gemma, Phi-3 and OLMo 2 share. */
        public static final Names LLAMA = new Names("model.", "embed_tokens", "embed_tokens", "self_attn", "qkv_proj", "o_proj",
                "up_proj", "down_proj", "norm", "lm_head");
        /** GPT-NeoX's (Pythia's) names. */
        public static final Names GPT_NEOX = new Names("gpt_neox.", "embed_in", "emb_dropout", "attention", "query_key_value",
                "dense", "dense_h_to_4h", "dense_4h_to_h", "final_layer_norm", "embed_out");
    }

    /** Llama's block: pre-norm, plain RMSNorm, separate projections, SwiGLU, biases as the config says. */
    public static DecoderSpec llama(boolean attentionBias, boolean mlpBias) {
        return new DecoderSpec(Names.LLAMA, Norm.RMS, Placement.PRE, Qkv.SEPARATE, attentionBias, attentionBias, Mlp.GATED, mlpBias,
                QkNorm.NONE, false);
    }
}
