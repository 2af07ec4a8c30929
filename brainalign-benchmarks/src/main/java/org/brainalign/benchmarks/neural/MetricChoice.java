package org.brainalign.benchmarks.neural;

import org.brainalign.core.metric.CrossRegressedCorrelation;
import org.brainalign.core.metric.NeuralMetric;
import org.brainalign.core.metric.SubsetSimilarity;

/**
 * The metric of a neural benchmark, with BSL's parameters: {@code LINEAR_SHUFFLE} (OLS,
 * ShuffleSplit 10 × 90/10, seed 1), {@code RIDGE} (ridge GCV, GroupKFold(splits, shuffle, seed 1234)
 * on {@code groupCoord}, or ShuffleSplit(10, 0.9, seed 1) when it is null), {@code CKA} and {@code RDM} (10 test-only 90 % subsets, seed 1).
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

    public String describe() {
        return switch (kind) {
            case LINEAR_SHUFFLE -> "linear_pearsonr: OLS, ShuffleSplit(10, train 0.9, seed 1)";
            case RIDGE -> groupCoord == null ? "ridge_pearsonr: RidgeCV(GCV, 1e-3..1e3), ShuffleSplit(10, train 0.9, seed 1)"
                    : "ridge_pearsonr: RidgeCV(GCV, 1e-3..1e3), GroupKFold(" + splits + ", shuffle, seed 1234) by " + groupCoord;
            case CKA -> "cka: linear CKA on 10 test-only 90% subsets (seed 1)";
            case RDM -> "rdm: Spearman of correlation-distance RDMs on 10 test-only 90% subsets (seed 1)";
        };
    }
}
