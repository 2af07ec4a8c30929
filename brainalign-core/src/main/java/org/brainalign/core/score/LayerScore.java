package org.brainalign.core.score;

/**
 * One layer's score on one benchmark: the raw metric value, the ceiling-normalised value (clipped
 * to [0, 1]) and the unclipped ratio, the bootstrap interval of the raw value, and the metric's
 * split × neuroid matrix. Without a ceiling, normalised equals raw.
 */
public record LayerScore(String layer, double raw, double normalized, double unclipped, Interval rawInterval,
        Interval normalizedInterval, double[][] splitByNeuroid, String note) {

    /** Normalises {@code raw} by {@code ceiling} (NaN = no ceiling) as BSL's {@code ceiling_normalize}. */
    public static LayerScore of(String layer, double raw, double ceiling, Interval rawInterval, double[][] splitByNeuroid,
            String note) {
        if (Double.isNaN(ceiling)) {
            return new LayerScore(layer, raw, raw, raw, rawInterval, rawInterval, splitByNeuroid, note);
        }
        double unclipped = raw / ceiling;
        return new LayerScore(layer, raw, Interval.clip(unclipped), unclipped, rawInterval,
                rawInterval.normalizedBy(ceiling), splitByNeuroid, note);
    }
}
