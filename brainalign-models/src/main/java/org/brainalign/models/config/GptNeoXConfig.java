package org.brainalign.models.config;

/**
 * GPT-NeoX / Pythia ({@code model_type = gpt_neox}) as a {@link DecoderConfig}: LayerNorm pre-norm
 * blocks with a fused, head-interleaved {@code query_key_value}, rotary positions on the first
 * {@code rotary_pct} of each head (default 0.25), a plain GELU MLP with biases, and (Pythia, the
 * default) the parallel residual {@code x + attn(ln1(x)) + mlp(ln2(x))}; every head its own key and
 * value; no padding row. HuggingFace's defaults: layer_norm_eps 1e-5, rotary base 10000, biased
 * attention, untied {@code embed_out}.
 */
final class GptNeoXConfig {
    private GptNeoXConfig() {}

    static DecoderConfig read(ConfigFields f) {
        int hidden = f.requireInt("hidden_size");
        int heads = f.requireInt("num_attention_heads");
        ModelConfig.requirePositive("gpt_neox", "num_attention_heads", heads);
        if (hidden % heads != 0) {
            throw new IllegalArgumentException("gpt_neox config: hidden_size " + hidden + " is not divisible by num_attention_heads "
                    + heads);
        }
        ConfigFields rope = f.object("rope_parameters");
        double pct = f.optDouble("rotary_pct").or(() -> rope.optDouble("partial_rotary_factor")).orElse(0.25);
        if (!(pct > 0 && pct <= 1)) {
            throw new IllegalArgumentException("gpt_neox config: rotary_pct must be in (0, 1], found " + pct);
        }
        double base = f.optDouble("rotary_emb_base").or(() -> rope.optDouble("rope_theta")).orElse(10000.0);
        int layers = f.requireInt("num_hidden_layers");
        int headDim = hidden / heads;
        boolean bias = f.boolOr("attention_bias", true);
        DecoderSpec.Placement placement = f.boolOr("use_parallel_residual", true) ? DecoderSpec.Placement.PARALLEL
                : DecoderSpec.Placement.PRE;
        DecoderSpec spec = new DecoderSpec(DecoderSpec.Names.GPT_NEOX, DecoderSpec.Norm.LAYER, placement,
                DecoderSpec.Qkv.FUSED_PER_HEAD, bias, bias, DecoderSpec.Mlp.PLAIN, true, DecoderSpec.QkNorm.NONE, false);
        return new DecoderConfig(Family.GPT_NEOX, layers, hidden, heads, heads, headDim, f.requireInt("intermediate_size"),
                f.requireInt("vocab_size"), f.requireInt("max_position_embeddings"), f.doubleOr("layer_norm_eps", 1e-5), base,
                RopeScaling.NONE, (int) (headDim * pct), f.activation("hidden_act", "gelu"), f.doubleOr("initializer_range", 0.02),
                f.boolOr("tie_word_embeddings", false), null, spec, 1 / Math.sqrt(headDim), 0, 0, 0,
                java.util.Collections.nCopies(Math.max(0, layers), false));
    }
}
