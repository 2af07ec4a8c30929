package org.brainalign.models.config;

/**
 * The architecture of one model, read from a HuggingFace {@code config.json} (or a preset). Each
 * family has its own record with exactly the fields its forward pass needs; this interface holds
 * what every family shares.
 */
public interface ModelConfig {

    Family family();

    int numLayers();

    int hiddenSize();

    int numHeads();

    int vocabSize();

    /** The longest sequence the position embeddings (or rotary tables) are meant for. */
    int maxPositions();

    /** Standard deviation of the normal initialisation HF uses for untrained weights. */
    double initializerRange();

    /** Whether the LM head shares the token-embedding matrix. */
    boolean tieWordEmbeddings();

    /** Per-head width. */
    default int headDim() {
        return hiddenSize() / numHeads();
    }

    /** Checks that a norm's epsilon (or another strictly positive real) is finite and positive. */
    static void requirePositive(String family, String field, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(family + " config: '" + field + "' must be a positive number, found " + value);
        }
    }

    /**
     * A norm's epsilon, which the forward pass adds in float32: positive and a finite, non-zero float32
     * (1e300 or 1e39 become infinity there and flatten every norm's output to zero).
     */
    static void requireNormEpsilon(String family, String field, double value) {
        requirePositive(family, field, value);
        float f = (float) value;
        if (Float.isInfinite(f) || f == 0f) {
            throw new IllegalArgumentException(family + " config: '" + field + "' is " + value + ", which float32 (the dtype the "
                    + "norms compute in) holds as " + f + "; expected a small positive number such as 1e-5");
        }
    }

    /** Checks the invariants every family shares; used by the records' compact constructors. */
    static void requirePositive(String family, String field, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(family + " config: '" + field + "' must be positive, found " + value);
        }
    }
}
