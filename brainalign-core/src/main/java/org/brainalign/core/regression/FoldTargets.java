package org.brainalign.core.regression;

import org.brainalign.core.linalg.DMatrix;
import org.brainalign.core.linalg.LinAlg;

/**
 * One fold's training targets (n × t): their means, the centred matrix, and — computed on first
 * use and then reused by every layer scored on the same split — the n × n target Gram
 * Y<sub>c</sub>·Y<sub>c</sub>ᵀ that makes ridge's leave-one-out error cost O(n²r) per alpha instead
 * of O(n·r·t).
 */
public final class FoldTargets {
    private final DMatrix centered;
    private final double[] mean;
    private volatile DMatrix gram;

    public FoldTargets(DMatrix yTrain) {
        if (yTrain.rows() < 2) {
            throw new IllegalArgumentException("a regression fold needs at least 2 training samples, got " + yTrain.rows());
        }
        this.mean = yTrain.columnMeans();
        this.centered = yTrain.centered(mean);
    }

    /** Y − ȳ (n × t). */
    public DMatrix centered() {
        return centered;
    }

    /** ȳ (t). */
    public double[] mean() {
        return mean.clone();
    }

    double[] meanRef() {
        return mean;
    }

    public int size() {
        return centered.rows();
    }

    public int targetCount() {
        return centered.cols();
    }

    /** Y<sub>c</sub>·Y<sub>c</sub>ᵀ (n × n), computed once. */
    public DMatrix gram(LinAlg la) {
        DMatrix g = gram;
        if (g == null) {
            synchronized (this) {
                if (gram == null) {
                    gram = la.gramRows(centered);
                }
                g = gram;
            }
        }
        return g;
    }
}
