package org.brainalign.core.ceiling;

/**
 * A noise ceiling: the score a perfect model is expected to reach on a benchmark, with its 95 %
 * interval and where it came from. {@code perNeuroid} holds the per-neuroid ceilings when they were
 * computed (empty for a published value). {@code source} says how: "published (…)" or the method
 * that recomputed it.
 */
public record Ceiling(double value, double lower, double upper, double[] perNeuroid, String source)
        implements java.io.Serializable {
    public Ceiling {
        perNeuroid = perNeuroid == null ? new double[0] : perNeuroid.clone();
        if (source == null || source.isBlank()) {
            throw new IllegalArgumentException("a ceiling must say where it came from");
        }
    }

    private static final String PUBLISHED = "published (";

    /** A published ceiling (no interval known). */
    public static Ceiling published(double value, String citation) {
        return new Ceiling(value, Double.NaN, Double.NaN, new double[0], PUBLISHED + citation + ")");
    }

    /** Whether this is a published value rather than one computed from the data (or none). */
    public boolean isPublished() {
        return source.startsWith(PUBLISHED);
    }

    /** Whether this ceiling was computed from the data in this run (so its random stream's seed matters). */
    public boolean isComputed() {
        return !isNone() && !isPublished();
    }

    /** No ceiling: the score is reported raw (Tuckute2024, engineering benchmarks). */
    public static Ceiling none() {
        return new Ceiling(Double.NaN, Double.NaN, Double.NaN, new double[0], "none (raw score reported)");
    }

    public boolean isNone() {
        return Double.isNaN(value);
    }

    @Override
    public double[] perNeuroid() {
        return perNeuroid.clone();
    }
}
