package org.brainalign.benchmarks.brennan2016;

import org.brainalign.core.linalg.DMatrix;
import org.brainalign.core.linalg.LinAlg;

/**
 * Principal components of word representations, fit on some words (those heard during training
 * volumes) and applied to all: the rows are centred with the fitting words' mean and projected on the
 * top-k eigenvectors of their covariance. Computed from the smaller of the word kernel and the unit
 * covariance; components with eigenvalue below 1e-10 of the largest are dropped.
 */
final class WordComponents {
    private WordComponents() {}

    /** All words' scores (words × ≤ k) on the top {@code k} components of {@code features}' rows {@code fitRows}. */
    static DMatrix scores(LinAlg la, DMatrix features, int[] fitRows, int k) {
        DMatrix fit = features.selectRows(fitRows);
        double[] mean = fit.columnMeans();
        DMatrix fc = fit.centered(mean);
        DMatrix all = features.centered(mean);
        int n = fc.rows();
        int p = fc.cols();
        if (n <= p) {
            LinAlg.Eigen e = la.symmetricEigen(la.gramRows(fc));
            int[] top = top(e.values(), k);
            DMatrix u = e.vectors().selectColumns(top);
            // Loadings V = Fcᵀ·U·diag(1/√λ); scores = All·V.
            DMatrix v = la.multiply(true, fc, false, u);
            for (int c = 0; c < top.length; c++) {
                double s = 1.0 / Math.sqrt(e.values()[top[c]]);
                for (int i = 0; i < v.rows(); i++) {
                    v.set(i, c, v.get(i, c) * s);
                }
            }
            return la.multiply(false, all, false, v);
        }
        LinAlg.Eigen e = la.symmetricEigen(la.gramCols(fc));
        return la.multiply(false, all, false, e.vectors().selectColumns(top(e.values(), k)));
    }

    /** Indices of the largest {@code k} eigenvalues (ascending input) above the noise floor, largest first. */
    private static int[] top(double[] ascending, int k) {
        double max = ascending[ascending.length - 1];
        int kept = 0;
        for (int i = ascending.length - 1; i >= 0 && kept < k && ascending[i] > max * 1e-10; i--) {
            kept++;
        }
        int[] out = new int[kept];
        for (int c = 0; c < kept; c++) {
            out[c] = ascending.length - 1 - c;
        }
        return out;
    }
}
