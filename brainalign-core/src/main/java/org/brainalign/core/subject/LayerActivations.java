package org.brainalign.core.subject;

import java.util.Arrays;
import java.util.Objects;

/**
 * The activations of one named layer for the parts of one {@code digestText} call: a dense
 * row-major {@code parts × units} float matrix, row {@code i} being part {@code i}'s
 * representation (the hidden state of its last token).
 *
 * @param layer the layer's HuggingFace module name, e.g. {@code transformer.h.5}
 * @param parts number of rows
 * @param units number of columns (hidden size)
 * @param values row-major data of length {@code parts × units}
 */
public record LayerActivations(String layer, int parts, int units, float[] values) {

    public LayerActivations {
        Objects.requireNonNull(layer, "layer");
        Objects.requireNonNull(values, "values");
        if (parts < 0 || units < 0) {
            throw new IllegalArgumentException("layer " + layer + ": negative shape " + parts + " x " + units);
        }
        if ((long) parts * units != values.length) {
            throw new IllegalArgumentException("layer " + layer + ": shape " + parts + " x " + units
                    + " needs " + ((long) parts * units) + " values but " + values.length + " were given");
        }
    }

    /** A copy of part {@code part}'s row. */
    public float[] row(int part) {
        Objects.checkIndex(part, parts);
        return Arrays.copyOfRange(values, part * units, (part + 1) * units);
    }

    /** The Euclidean norm of part {@code part}'s row. */
    public double rowNorm(int part) {
        Objects.checkIndex(part, parts);
        double sum = 0;
        for (int u = part * units, end = u + units; u < end; u++) {
            sum += (double) values[u] * values[u];
        }
        return Math.sqrt(sum);
    }
}
