package org.brainalign.core.score;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * One layer's score on one benchmark: the raw metric value, the ceiling-normalised value (clipped
 * to [0, 1]) and the unclipped ratio, the bootstrap interval of the raw value, and the metric's
 * split × neuroid matrix. Without a ceiling, normalised equals raw. {@code measures} holds named
 * side measurements a benchmark makes along the way (e.g. next-word {@code word_perplexity}), kept
 * as numbers so that nothing has to parse them back out of {@code note}.
 */
public record LayerScore(String layer, double raw, double normalized, double unclipped, Interval rawInterval,
        Interval normalizedInterval, double[][] splitByNeuroid, String note, Map<String, Double> measures)
        implements java.io.Serializable {

    public LayerScore {
        note = note == null ? "" : note;
        measures = measures == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(measures));
    }

    /** A layer score without side measures. */
    public LayerScore(String layer, double raw, double normalized, double unclipped, Interval rawInterval,
            Interval normalizedInterval, double[][] splitByNeuroid, String note) {
        this(layer, raw, normalized, unclipped, rawInterval, normalizedInterval, splitByNeuroid, note, Map.of());
    }

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

    /** This score with one more side measure. */
    public LayerScore withMeasure(String name, double value) {
        Map<String, Double> m = new TreeMap<>(measures);
        m.put(name, value);
        return new LayerScore(layer, raw, normalized, unclipped, rawInterval, normalizedInterval, splitByNeuroid, note, m);
    }

    /** A side measure, or NaN when this score has none of that name. */
    public double measure(String name) {
        return measures.getOrDefault(name, Double.NaN);
    }
}
