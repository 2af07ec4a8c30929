package org.brainalign.core.subject;

import java.util.List;
import java.util.Objects;

/**
 * What a {@link Subject} returns for one {@code digestText} call. Every list is in part order;
 * what was not asked for is empty (never null).
 *
 * @param parts the parts as presented
 * @param layers per recorded layer, a {@code parts × units} matrix
 * @param readingTimes surprisal in bits per part (READING_TIMES task), else empty
 * @param nextWords predicted next word per part (NEXT_WORD task), else empty
 */
public record SubjectOutput(List<String> parts, List<LayerActivations> layers, double[] readingTimes,
                            List<String> nextWords) {

    public SubjectOutput {
        parts = List.copyOf(parts);
        layers = List.copyOf(layers);
        Objects.requireNonNull(readingTimes, "readingTimes");
        nextWords = List.copyOf(nextWords);
        for (LayerActivations layer : layers) {
            if (layer.parts() != parts.size()) {
                throw new IllegalArgumentException("layer " + layer.layer() + " has " + layer.parts()
                        + " rows for " + parts.size() + " parts");
            }
        }
        if (readingTimes.length != 0 && readingTimes.length != parts.size()) {
            throw new IllegalArgumentException(readingTimes.length + " reading times for " + parts.size() + " parts");
        }
        if (!nextWords.isEmpty() && nextWords.size() != parts.size()) {
            throw new IllegalArgumentException(nextWords.size() + " next words for " + parts.size() + " parts");
        }
    }

    /** The activations of layer {@code name}. */
    public LayerActivations layer(String name) {
        return layers.stream().filter(l -> l.layer().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("layer '" + name + "' was not recorded; recorded: "
                        + layers.stream().map(LayerActivations::layer).toList()));
    }
}
