package org.brainalign.models.config;

import java.util.List;

/**
 * The config of every rotary decoder family ({@code gpt_neox}, {@code llama}, {@code mistral},
 * {@code qwen2}, {@code qwen3}, {@code gemma}, {@code gemma2}, {@code phi3}, {@code olmo2}): the sizes they share,
 * the rotary and attention numbers, and the block's {@link DecoderSpec}. Each family's reader (its
 * {@code *Config} class beside this one) maps its {@code config.json} fields and HuggingFace's
 * defaults for that family onto this record.
 *
 * @param normEps the epsilon of every norm ({@code rms_norm_eps}; GPT-NeoX's {@code layer_norm_eps})
 * @param rotaryDims leading dimensions of each head that rotate (head_dim × partial_rotary_factor)
 * @param attentionScale the factor on q·kᵀ (head_dim^−½; Gemma 2: query_pre_attn_scalar^−½)
 * @param attentionSoftcap {@code c} in {@code c·tanh(scores / c)} before the mask (Gemma 2), 0 for none
 * @param finalLogitSoftcap the same on the logits (Gemma 2), 0 for none
 * @param slidingWindow W of sliding-window layers (a query sees itself and W − 1 earlier tokens), 0 for none
 * @param localLayers for each layer, whether it uses the sliding window
 */
public record DecoderConfig(Family family, int numLayers, int hiddenSize, int numHeads, int numKeyValueHeads, int headDim,
                            int intermediateSize, int vocabSize, int maxPositions, double normEps, double ropeTheta,
                            RopeScaling ropeScaling, int rotaryDims, Activation activation, double initializerRange,
                            boolean tieWordEmbeddings, Integer padTokenId, DecoderSpec spec, double attentionScale,
                            double attentionSoftcap, double finalLogitSoftcap, int slidingWindow, List<Boolean> localLayers)
        implements ModelConfig {

    public DecoderConfig {
        String f = family.modelType();
        ModelConfig.requirePositive(f, "num_hidden_layers", numLayers);
        ModelConfig.requirePositive(f, "hidden_size", hiddenSize);
        ModelConfig.requirePositive(f, "num_attention_heads", numHeads);
        ModelConfig.requirePositive(f, "num_key_value_heads", numKeyValueHeads);
        ModelConfig.requirePositive(f, "head_dim", headDim);
        ModelConfig.requirePositive(f, "intermediate_size", intermediateSize);
        ModelConfig.requirePositive(f, "vocab_size", vocabSize);
        ModelConfig.requirePositive(f, "max_position_embeddings", maxPositions);
        ModelConfig.requireNormEpsilon(f, spec.norm() == DecoderSpec.Norm.LAYER ? "layer_norm_eps" : "rms_norm_eps", normEps);
        ModelConfig.requirePositive(f, "rope_theta", ropeTheta);
        ModelConfig.requirePositive(f, "attention scale", attentionScale);
        if (numHeads % numKeyValueHeads != 0) {
            throw new IllegalArgumentException(f + " config: num_attention_heads " + numHeads
                    + " is not a multiple of num_key_value_heads " + numKeyValueHeads);
        }
        if (rotaryDims < 2 || rotaryDims > headDim || rotaryDims % 2 != 0) {
            throw new IllegalArgumentException(f + " config: the rotary part of a head must be an even number of dimensions in "
                    + "[2, head_dim = " + headDim + "], found " + rotaryDims + " (head_dim x partial_rotary_factor)");
        }
        if (!(attentionSoftcap >= 0) || !(finalLogitSoftcap >= 0) || slidingWindow < 0) {
            throw new IllegalArgumentException(f + " config: soft-caps and sliding_window must not be negative");
        }
        localLayers = List.copyOf(localLayers);
        if (localLayers.size() != numLayers) {
            throw new IllegalArgumentException(f + " config: " + localLayers.size() + " layer types for " + numLayers + " layers");
        }
        long q = (long) numHeads * headDim;
        if (q > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(f + " config: num_attention_heads x head_dim = " + q + " is too large");
        }
        long mlp = (long) intermediateSize * hiddenSize;
        if (mlp > Integer.MAX_VALUE * 4L) {
            throw new IllegalArgumentException(f + " config: intermediate_size x hidden_size = " + mlp + " is too large");
        }
    }

    /** A Llama-block config with no window, no soft-caps and the rotary part the whole head (Llama, llama2.c). */
    public static DecoderConfig llama(int numLayers, int hiddenSize, int numHeads, int numKeyValueHeads, int headDim,
            int intermediateSize, int vocabSize, int maxPositions, double normEps, double ropeTheta, RopeScaling ropeScaling,
            boolean attentionBias, boolean mlpBias, Activation activation, double initializerRange, boolean tieWordEmbeddings,
            Integer padTokenId) {
        return new DecoderConfig(Family.LLAMA, numLayers, hiddenSize, numHeads, numKeyValueHeads, headDim, intermediateSize,
                vocabSize, maxPositions, normEps, ropeTheta, ropeScaling, headDim, activation, initializerRange,
                tieWordEmbeddings, padTokenId, DecoderSpec.llama(attentionBias, mlpBias), 1 / Math.sqrt(headDim), 0, 0, 0,
                java.util.Collections.nCopies(numLayers, false));
    }

    /** Whether layer {@code i} attends through the sliding window. */
    public boolean local(int i) {
        return slidingWindow > 0 && localLayers.get(i);
    }

    /**
     * The fields every rotary decoder's {@code config.json} shares, read with a family's defaults;
     * the family's reader then sets what is its own.
     */
    record Common(int numLayers, int hiddenSize, int numHeads, int numKeyValueHeads, int headDim, int intermediateSize,
                  int vocabSize, int maxPositions, double normEps, double ropeTheta, RopeScaling ropeScaling,
                  double partialRotary, double initializerRange, boolean tieWordEmbeddings, Integer padTokenId) {

        /** Reads the shared fields; {@code epsDefault}, {@code tieDefault} and {@code headDimDefault} (0: hidden / heads) are the family's. */
        static Common read(ConfigFields f, double epsDefault, boolean tieDefault, int headDimDefault) {
            int hidden = f.requireInt("hidden_size");
            int heads = f.requireInt("num_attention_heads");
            ConfigFields rope = f.object("rope_parameters");
            double theta = f.optDouble("rope_theta").or(() -> rope.optDouble("rope_theta")).orElse(10000.0);
            double partial = f.optDouble("partial_rotary_factor").or(() -> rope.optDouble("partial_rotary_factor")).orElse(1.0);
            ConfigFields scaling = f.has("rope_scaling") ? f.object("rope_scaling") : rope;
            int headDim = f.optInt("head_dim").orElse(headDimDefault > 0 ? headDimDefault : hidden / heads);
            return new Common(f.requireInt("num_hidden_layers"), hidden, heads, f.intOr("num_key_value_heads", heads), headDim,
                    f.requireInt("intermediate_size"), f.requireInt("vocab_size"), f.requireInt("max_position_embeddings"),
                    f.doubleOr("rms_norm_eps", epsDefault), theta, RopeScaling.read(scaling), partial,
                    f.doubleOr("initializer_range", 0.02), f.boolOr("tie_word_embeddings", tieDefault),
                    f.optInt("pad_token_id").orElse(null));
        }

        /** The record with these fields and a family's own choices. */
        DecoderConfig with(Family family, Activation activation, DecoderSpec spec, double attentionScale, double attentionSoftcap,
                double finalLogitSoftcap, int slidingWindow, List<Boolean> localLayers) {
            int rotary = (int) (headDim * partialRotary);
            return new DecoderConfig(family, numLayers, hiddenSize, numHeads, numKeyValueHeads, headDim, intermediateSize, vocabSize,
                    maxPositions, normEps, ropeTheta, ropeScaling, rotary, activation, initializerRange, tieWordEmbeddings,
                    padTokenId, spec, attentionScale, attentionSoftcap, finalLogitSoftcap, slidingWindow, localLayers);
        }

        /** head_dim^−½, the attention scale of every family but Gemma 2. */
        double headScale() {
            return 1 / Math.sqrt(headDim);
        }

        /** Every layer global. */
        List<Boolean> allGlobal() {
            return java.util.Collections.nCopies(numLayers, false);
        }

        /** Every layer local (Mistral and Phi-3 when their config sets a window). */
        List<Boolean> allLocal() {
            return java.util.Collections.nCopies(numLayers, true);
        }
    }

    /**
     * The layer kinds a v5 config lists in {@code layer_types} ({@code sliding_attention} or
     * {@code full_attention}), or {@code fallback} where the config has none.
     */
    static List<Boolean> layerTypes(ConfigFields f, int layers, List<Boolean> fallback) {
        if (!f.has("layer_types")) {
            return fallback;
        }
        List<String> types = f.stringList("layer_types");
        if (types.size() != layers) {
            throw new IllegalArgumentException("'layer_types' lists " + types.size() + " layers but num_hidden_layers is " + layers);
        }
        return types.stream().map(t -> switch (t) {
            case "sliding_attention" -> true;
            case "full_attention" -> false;
            default -> throw new IllegalArgumentException("'layer_types' entry '" + t
                    + "' is neither sliding_attention nor full_attention");
        }).toList();
    }

    @Override
    public int headDim() {
        return headDim;
    }
}
