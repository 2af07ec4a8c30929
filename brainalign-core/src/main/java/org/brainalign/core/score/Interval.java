package org.brainalign.core.score;

/** A 95 % confidence interval; both ends NaN when unknown. */
public record Interval(double lower, double upper) implements java.io.Serializable {
    public static final Interval UNKNOWN = new Interval(Double.NaN, Double.NaN);

    public boolean known() {
        return !Double.isNaN(lower) && !Double.isNaN(upper);
    }

    /** The interval divided by a ceiling and clipped to [0, 1] (for normalised scores). */
    public Interval normalizedBy(double ceiling) {
        if (!known() || Double.isNaN(ceiling)) {
            return this;
        }
        return new Interval(clip(lower / ceiling), clip(upper / ceiling));
    }

    static double clip(double v) {
        return Math.max(0, Math.min(1, v));
    }
}
