package org.brainalign.models.config;

import org.brainalign.models.ModelFormatException;

/**
 * The T5 encoder ({@code model_type = t5}; Raffel et al. 2020), for per-layer features: no position
 * embeddings but a relative-position bias per head from {@code relative_attention_num_buckets}
 * log-spaced buckets up to {@code relative_attention_max_distance}, learned by the first block and
 * shared by all; pre-norm blocks with T5's RMS LayerNorm ({@code layer_norm_epsilon}), no biases, no
 * attention scaling; a ReLU MLP ({@code feed_forward_proj = relu}, T5 v1.0) or a gated one
 * ({@code gated-gelu}, read as gelu_new as transformers does, T5 v1.1 / Flan-T5). Widths:
 * {@code d_model}, {@code d_kv} per head (heads × d_kv need not equal d_model), {@code d_ff}.
 */
public record T5Config(int numLayers, int hiddenSize, int numHeads, int headDim, int ffnDim, int vocabSize, int maxPositions,
                       int buckets, int maxDistance, double layerNormEps, boolean gated, Activation activation,
                       double initializerRange, boolean tieWordEmbeddings) implements ModelConfig {

    public T5Config {
        ModelConfig.requirePositive("t5", "num_layers", numLayers);
        ModelConfig.requirePositive("t5", "d_model", hiddenSize);
        ModelConfig.requirePositive("t5", "num_heads", numHeads);
        ModelConfig.requirePositive("t5", "d_kv", headDim);
        ModelConfig.requirePositive("t5", "d_ff", ffnDim);
        ModelConfig.requirePositive("t5", "vocab_size", vocabSize);
        ModelConfig.requirePositive("t5", "relative_attention_num_buckets", buckets);
        ModelConfig.requirePositive("t5", "relative_attention_max_distance", maxDistance);
        ModelConfig.requireNormEpsilon("t5", "layer_norm_epsilon", layerNormEps);
        if (buckets < 4 || buckets % 4 != 0 || maxDistance <= buckets / 4) {
            throw new IllegalArgumentException("t5 config: relative_attention_num_buckets " + buckets + " must be a multiple of 4 "
                    + "and relative_attention_max_distance " + maxDistance + " larger than a quarter of it");
        }
    }

    @Override
    public Family family() {
        return Family.T5;
    }

    @Override
    public int headDim() {
        return headDim;
    }

    static T5Config read(ConfigFields f) {
        String proj = f.optString("feed_forward_proj").orElse("relu");
        String[] parts = proj.split("-");
        boolean gated = parts[0].equals("gated");
        if (parts.length > 2 || (parts.length == 2 && !gated)) {
            throw new ModelFormatException(f.source() + ": 'feed_forward_proj' is '" + proj
                    + "'; expected an activation or gated-<activation>, e.g. relu or gated-gelu");
        }
        String act = parts[parts.length - 1].equals("gelu") && gated ? "gelu_new" : parts[parts.length - 1];
        Activation activation = Activation.fromHfName(act).orElseThrow(() -> new ModelFormatException(f.source()
                + ": 'feed_forward_proj' names activation '" + act + "'; supported: " + Activation.hfNames()));
        return new T5Config(f.requireInt("num_layers"), f.requireInt("d_model"), f.requireInt("num_heads"), f.requireInt("d_kv"),
                f.requireInt("d_ff"), f.requireInt("vocab_size"), f.intOr("n_positions", 512),
                f.intOr("relative_attention_num_buckets", 32), f.intOr("relative_attention_max_distance", 128),
                f.doubleOr("layer_norm_epsilon", 1e-6), gated, activation, f.doubleOr("initializer_factor", 1.0),
                f.boolOr("tie_word_embeddings", true));
    }

    /**
     * The bucket of key position k for query position q in the encoder (bidirectional):
     * half the buckets for keys to the right; distances below a quarter of the buckets exactly,
     * larger ones log-spaced up to {@code maxDistance}, computed in float32 as transformers does.
     */
    public int bucket(int q, int k) {
        int half = buckets / 2;
        int rel = k - q;
        int bucket = rel > 0 ? half : 0;
        int r = Math.abs(rel);
        int exact = half / 2;
        if (r < exact) {
            return bucket + r;
        }
        float log = (float) Math.log((float) r / exact) / (float) Math.log((float) maxDistance / exact) * (half - exact);
        return bucket + Math.min(half - 1, exact + (int) log);
    }
}
