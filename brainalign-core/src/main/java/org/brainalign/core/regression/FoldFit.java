package org.brainalign.core.regression;

import java.util.ArrayList;
import java.util.List;
import org.brainalign.core.linalg.DMatrix;
import org.brainalign.core.linalg.LinAlg;

/**
 * A fitted fold: the spectral weights f(λ) that define the regression (1/λ for OLS, 1/(λ+α) for
 * ridge), per target group when ridge chose alphas per target. Predictions come straight from the
 * spectrum, Ŷ = T·diag(f)·Uᵀ·Y<sub>c</sub> + ȳ (T the test projection), so the p × t weight
 * matrix is only formed when {@link #coef} is asked for.
 */
public final class FoldFit {
    private final FoldSpectrum spectrum;
    private final FoldTargets targets;
    private final double[][] weightsByGroup;
    private final int[] groupOfTarget;
    private final double[] alphaOfTarget;

    private FoldFit(FoldSpectrum spectrum, FoldTargets targets, double[][] weightsByGroup, int[] groupOfTarget,
            double[] alphaOfTarget) {
        this.spectrum = spectrum;
        this.targets = targets;
        this.weightsByGroup = weightsByGroup;
        this.groupOfTarget = groupOfTarget;
        this.alphaOfTarget = alphaOfTarget;
    }

    static FoldFit uniform(FoldSpectrum s, FoldTargets y, double[] f, double alpha) {
        int t = y.targetCount();
        double[] alphas = new double[t];
        java.util.Arrays.fill(alphas, alpha);
        return new FoldFit(s, y, new double[][] {f}, new int[t], alphas);
    }

    static FoldFit perTarget(FoldSpectrum s, FoldTargets y, double[][] fByAlpha, int[] alphaIndex, double[] alphas) {
        return new FoldFit(s, y, fByAlpha, alphaIndex.clone(), alphas.clone());
    }

    /** The penalty chosen for each target (NaN for OLS). */
    public double[] alphas() {
        return alphaOfTarget.clone();
    }

    /** Predictions for the fold's test samples (m × t). */
    public DMatrix predict(LinAlg la) {
        DMatrix proj = spectrum.testProjection();
        if (proj == null) {
            throw new IllegalStateException("this fold was decomposed without test features");
        }
        return apply(la, proj, true);
    }

    /** Regression weights (p × t), as scikit-learn's {@code coef_.T}. */
    public DMatrix coef(LinAlg la) {
        DMatrix basis = spectrum.coefBasis();
        if (basis == null) {
            throw new IllegalStateException("coefficients are unavailable for a fold built from kernels");
        }
        return apply(la, basis, false);
    }

    /** Intercepts (t): ȳ − x̄ᵀ·coef. */
    public double[] intercept(LinAlg la) {
        DMatrix coef = coef(la);
        double[] xMean = spectrum.xMean();
        double[] out = targets.mean();
        for (int k = 0; k < out.length; k++) {
            for (int j = 0; j < xMean.length; j++) {
                out[k] -= xMean[j] * coef.get(j, k);
            }
        }
        return out;
    }

    /** left·diag(f)·Uᵀ·Y<sub>c</sub> (+ ȳ), target group by target group. */
    private DMatrix apply(LinAlg la, DMatrix left, boolean addMean) {
        DMatrix u = spectrum.u();
        DMatrix yc = targets.centered();
        int rows = left.rows();
        int t = yc.cols();
        DMatrix out = DMatrix.zeros(rows, t);
        for (int g = 0; g < weightsByGroup.length; g++) {
            double[] f = weightsByGroup[g];
            if (f == null) {
                continue;
            }
            List<Integer> cols = new ArrayList<>();
            for (int k = 0; k < t; k++) {
                if (groupOfTarget[k] == g) {
                    cols.add(k);
                }
            }
            if (cols.isEmpty()) {
                continue;
            }
            DMatrix scaled = left.copy();
            for (int i = 0; i < f.length; i++) {
                double w = f[i];
                double[] d = scaled.data();
                int base = i * rows;
                for (int j = 0; j < rows; j++) {
                    d[base + j] *= w;
                }
            }
            DMatrix q = la.multiply(false, scaled, true, u); // rows × n
            boolean all = cols.size() == t;
            int[] idx = cols.stream().mapToInt(Integer::intValue).toArray();
            DMatrix ySel = all ? yc : yc.selectColumns(idx);
            DMatrix part = la.multiply(false, q, false, ySel);
            for (int c = 0; c < idx.length; c++) {
                System.arraycopy(part.data(), c * rows, out.data(), idx[c] * rows, rows);
            }
        }
        if (addMean) {
            double[] mean = targets.meanRef();
            double[] d = out.data();
            for (int k = 0; k < t; k++) {
                for (int j = 0; j < rows; j++) {
                    d[j + k * rows] += mean[k];
                }
            }
        }
        return out;
    }
}
