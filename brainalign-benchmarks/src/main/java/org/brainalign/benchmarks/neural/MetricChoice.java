package org.brainalign.benchmarks.neural;

import org.brainalign.core.metric.CrossRegressedCorrelation;
import org.brainalign.core.metric.NeuralMetric;
import org.brainalign.core.metric.SubsetSimilarity;

/**
 * Which of BSL's metrics a neural benchmark uses ({@code LINEAR_SHUFFLE}, {@code RIDGE} grouped by
 * {@code groupCoord} into {@code splits} folds or shuffle-split when it is null, {@code CKA},
 * {@code RDM}). The parameters and seeds themselves live in the metric that {@link #create()} returns
 * (its {@code describe()} and {@code seeds()}), never here.
 */
public record MetricChoice(Kind kind, int splits, String groupCoord) {
    /** The metric family. */
    public enum Kind {
        LINEAR_SHUFFLE,
        RIDGE,
        CKA,
        RDM
    }

    public static MetricChoice linearShuffle() {
        return new MetricChoice(Kind.LINEAR_SHUFFLE, 10, null);
    }

    public static MetricChoice ridge(int splits, String groupCoord) {
        return new MetricChoice(Kind.RIDGE, splits, groupCoord);
    }

    public static MetricChoice cka() {
        return new MetricChoice(Kind.CKA, 10, null);
    }

    public static MetricChoice rdm() {
        return new MetricChoice(Kind.RDM, 10, null);
    }

    public NeuralMetric create() {
        return switch (kind) {
            case LINEAR_SHUFFLE -> CrossRegressedCorrelation.linearShuffle();
            case RIDGE -> groupCoord == null ? CrossRegressedCorrelation.ridgeShuffle()
                    : CrossRegressedCorrelation.ridgeGrouped(splits, groupCoord);
            case CKA -> SubsetSimilarity.bsl(SubsetSimilarity.Kind.CKA);
            case RDM -> SubsetSimilarity.bsl(SubsetSimilarity.Kind.RDM);
        };
    }
}
