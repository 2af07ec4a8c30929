package org.brainalign.models.config;

import org.brainalign.models.ModelFormatException;

/**
 * How rotary frequencies are rescaled for long contexts ({@code rope_scaling} / {@code rope_parameters}).
 * {@code DEFAULT} leaves them as {@code theta^(-2i/d)}; {@code LINEAR} divides positions by
 * {@code factor}; {@code LLAMA3} applies Llama 3's band-wise rescaling.
 */
public record RopeScaling(Type type, double factor, double lowFreqFactor, double highFreqFactor,
                          int originalMaxPositions) {

    /** The supported {@code rope_type} values. */
    public enum Type { DEFAULT, LINEAR, LLAMA3 }

    /** No rescaling. */
    public static final RopeScaling NONE = new RopeScaling(Type.DEFAULT, 1, 1, 1, 0);

    public RopeScaling {
        if (type != Type.DEFAULT && !(factor > 0)) {
            throw new IllegalArgumentException("rope scaling factor must be positive, found " + factor);
        }
    }

    /** The inverse frequencies {@code theta^(-2i/dim)}, rescaled; length {@code dim / 2}. */
    public double[] inverseFrequencies(double theta, int dim) {
        double[] inv = new double[dim / 2];
        for (int i = 0; i < inv.length; i++) {
            // HF computes the exponent in float32; doing the same keeps parity for large theta.
            float exponent = (float) (2 * i) / dim;
            inv[i] = 1.0 / Math.pow(theta, exponent);
        }
        switch (type) {
            case DEFAULT -> { }
            case LINEAR -> {
                for (int i = 0; i < inv.length; i++) {
                    inv[i] /= factor;
                }
            }
            case LLAMA3 -> {
                double lowWavelen = originalMaxPositions / lowFreqFactor;
                double highWavelen = originalMaxPositions / highFreqFactor;
                for (int i = 0; i < inv.length; i++) {
                    double wavelen = 2 * Math.PI / inv[i];
                    if (wavelen > lowWavelen) {
                        inv[i] /= factor;
                    } else if (wavelen >= highWavelen) {
                        double smooth = (originalMaxPositions / wavelen - lowFreqFactor) / (highFreqFactor - lowFreqFactor);
                        inv[i] = (1 - smooth) * inv[i] / factor + smooth * inv[i];
                    }
                }
            }
        }
        return inv;
    }

    /** Reads {@code rope_scaling} (or {@code rope_parameters}) as transformers writes it. */
    static RopeScaling read(ConfigFields s) {
        String type = s.optString("rope_type").or(() -> s.optString("type")).orElse("default");
        return switch (type) {
            case "default" -> RopeScaling.NONE;
            case "linear" -> new RopeScaling(RopeScaling.Type.LINEAR, s.doubleOr("factor", 1), 1, 1, 0);
            case "llama3" -> new RopeScaling(RopeScaling.Type.LLAMA3, s.doubleOr("factor", 8),
                    s.doubleOr("low_freq_factor", 1), s.doubleOr("high_freq_factor", 4),
                    s.intOr("original_max_position_embeddings", 8192));
            default -> throw new ModelFormatException(s.source() + ": rope_type '" + type
                    + "' is not supported; supported: default, linear, llama3");
        };
    }
}
