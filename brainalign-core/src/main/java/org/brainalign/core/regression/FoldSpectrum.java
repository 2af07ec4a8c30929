package org.brainalign.core.regression;

import org.brainalign.core.linalg.DMatrix;
import org.brainalign.core.linalg.LinAlg;

/**
 * The spectral decomposition of one cross-validation fold's centred training features, from which
 * both OLS and ridge predict without ever forming the feature-by-target weight matrix.
 *
 * <p>With X<sub>c</sub> the centred train features (n × p), the kept spectrum is
 * X<sub>c</sub> = U·diag(√λ)·Vᵀ restricted to eigenvalues above the numerical noise floor
 * (λ &gt; λ<sub>max</sub>·max(n, p)·10·ε). It is computed from the n × n kernel X<sub>c</sub>X<sub>c</sub>ᵀ
 * when n ≤ p (the "eigen" mode of scikit-learn's {@code _RidgeGCV}) and from the p × p covariance
 * X<sub>c</sub>ᵀX<sub>c</sub> otherwise. Every kept u is orthogonal to the all-ones vector, so the
 * intercept is never regularised, as with {@code fit_intercept=True}.
 *
 * <p>Fields (shapes: n train samples, m test samples, p features, r kept components):
 * {@code u} n × r, {@code lambda} r, {@code testProjection} m × r = X<sub>te,c</sub>·X<sub>c</sub>ᵀ·U,
 * {@code coefBasis} p × r = X<sub>c</sub>ᵀ·U (null when built from a kernel), {@code xMean} p (null
 * from a kernel).
 */
public final class FoldSpectrum {
    private final int n;
    private final DMatrix u;
    private final double[] lambda;
    private final DMatrix testProjection;
    private DMatrix coefBasis;
    private DMatrix centredFeatures;
    private LinAlg linAlg;
    private final double[] xMean;
    private final DMatrix complement;

    private FoldSpectrum(int n, DMatrix u, double[] lambda, DMatrix testProjection, DMatrix coefBasis, double[] xMean,
            DMatrix complement) {
        this.complement = complement;
        this.n = n;
        this.u = u;
        this.lambda = lambda;
        this.testProjection = testProjection;
        this.coefBasis = coefBasis;
        this.xMean = xMean;
    }

    /**
     * Decomposes train features {@code xTrain} (n × p); {@code xTest} (m × p, may be null) is centred
     * with the train means and projected.
     */
    public static FoldSpectrum ofFeatures(LinAlg la, DMatrix xTrain, DMatrix xTest) {
        int n = xTrain.rows();
        int p = xTrain.cols();
        if (n < 2) {
            throw new IllegalArgumentException("a regression fold needs at least 2 training samples, got " + n);
        }
        if (xTest != null && xTest.cols() != p) {
            throw new IllegalArgumentException("test features have " + xTest.cols() + " columns, train features " + p);
        }
        double[] mean = xTrain.columnMeans();
        DMatrix xc = xTrain.centered(mean);
        DMatrix xte = xTest == null ? null : xTest.centered(mean);
        if (n <= p) {
            DMatrix k = la.gramRows(xc);
            Kept kept = keep(la.symmetricEigen(k), n, p);
            // Test projection through the test × train kernel (m·n·p + m·n·r flops), not through Xcᵀ·U.
            DMatrix proj = xte == null ? null : la.multiply(false, la.multiply(false, xte, true, xc), false, kept.u);
            FoldSpectrum fs = new FoldSpectrum(n, kept.u, kept.lambda, proj, null, mean, kept.complement);
            fs.centredFeatures = xc;
            fs.linAlg = la;
            return fs;
        }
        DMatrix cov = la.gramCols(xc);
        Kept kept = keep(la.symmetricEigen(cov), n, p);
        int r = kept.lambda.length;
        // V·diag(√λ) is Xcᵀ·U; U = Xc·V·diag(1/√λ).
        DMatrix vScaled = kept.u.copy();
        DMatrix vInv = kept.u.copy();
        for (int i = 0; i < r; i++) {
            double s = Math.sqrt(kept.lambda[i]);
            scaleColumn(vScaled, i, s);
            scaleColumn(vInv, i, 1.0 / s);
        }
        DMatrix u = la.multiply(false, xc, false, vInv);
        DMatrix proj = xte == null ? null : la.multiply(false, xte, false, vScaled);
        return new FoldSpectrum(n, u, kept.lambda, proj, vScaled, mean, null);
    }

    /**
     * Decomposes from uncentred linear kernels: {@code kTrain} (n × n, Xtr·Xtrᵀ) and {@code kTestTrain}
     * (m × n, Xte·Xtrᵀ, may be null). Centring is done algebraically, which lets a caller build a pool's
     * kernel as a sum of per-subject kernels. {@code featureCount} is p (for the noise floor).
     */
    public static FoldSpectrum ofKernel(LinAlg la, DMatrix kTrain, DMatrix kTestTrain, int featureCount) {
        int n = kTrain.rows();
        if (kTrain.cols() != n) {
            throw new IllegalArgumentException("train kernel must be square, got " + n + "x" + kTrain.cols());
        }
        if (n < 2) {
            throw new IllegalArgumentException("a regression fold needs at least 2 training samples, got " + n);
        }
        double[] colMean = new double[n];
        double grand = 0;
        for (int j = 0; j < n; j++) {
            double s = 0;
            for (int i = 0; i < n; i++) {
                s += kTrain.get(i, j);
            }
            colMean[j] = s / n;
            grand += colMean[j];
        }
        grand /= n;
        DMatrix kc = DMatrix.zeros(n, n);
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) {
                kc.set(i, j, kTrain.get(i, j) - colMean[i] - colMean[j] + grand);
            }
        }
        Kept kept = keep(la.symmetricEigen(kc), n, featureCount);
        DMatrix proj = null;
        if (kTestTrain != null) {
            if (kTestTrain.cols() != n) {
                throw new IllegalArgumentException("test kernel has " + kTestTrain.cols() + " columns, expected " + n);
            }
            int m = kTestTrain.rows();
            DMatrix kte = DMatrix.zeros(m, n);
            for (int i = 0; i < m; i++) {
                double s = 0;
                for (int j = 0; j < n; j++) {
                    s += kTestTrain.get(i, j);
                }
                double rowMean = s / n;
                for (int j = 0; j < n; j++) {
                    kte.set(i, j, kTestTrain.get(i, j) - rowMean - colMean[j] + grand);
                }
            }
            proj = la.multiply(false, kte, false, kept.u);
        }
        return new FoldSpectrum(n, kept.u, kept.lambda, proj, null, null, kept.complement);
    }

    private record Kept(DMatrix u, double[] lambda, DMatrix complement) {}

    /** Keeps eigenpairs above the noise floor, largest first. */
    private static Kept keep(LinAlg.Eigen eig, int n, int p) {
        double[] w = eig.values();
        int dim = w.length;
        double max = dim == 0 ? 0 : Math.max(0, w[dim - 1]);
        double floor = max * Math.max(n, p) * 10 * Math.ulp(1.0);
        int r = 0;
        for (double v : w) {
            if (v > floor) {
                r++;
            }
        }
        DMatrix u = DMatrix.zeros(dim, r);
        double[] lambda = new double[r];
        DMatrix vec = eig.vectors();
        for (int k = 0; k < r; k++) {
            int src = dim - 1 - k;
            lambda[k] = w[src];
            System.arraycopy(vec.data(), src * dim, u.data(), k * dim, dim);
        }
        DMatrix complement = DMatrix.zeros(dim, dim - r);
        System.arraycopy(vec.data(), 0, complement.data(), 0, dim * (dim - r));
        return new Kept(u, lambda, complement);
    }

    private static void scaleColumn(DMatrix m, int j, double s) {
        double[] d = m.data();
        int base = j * m.rows();
        for (int i = 0; i < m.rows(); i++) {
            d[base + i] *= s;
        }
    }

    /** Train sample count n. */
    public int trainSize() {
        return n;
    }

    /** Kept component count r (the numerical rank of the centred features). */
    public int rank() {
        return lambda.length;
    }

    /** U (n × r), orthonormal columns orthogonal to the ones vector. */
    public DMatrix u() {
        return u;
    }

    /** λ (r), descending: squared singular values of the centred features. */
    public double[] lambda() {
        return lambda.clone();
    }

    /** X<sub>te,c</sub>·X<sub>c</sub>ᵀ·U (m × r), or null when no test features were given. */
    public DMatrix testProjection() {
        return testProjection;
    }

    /** X<sub>c</sub>ᵀ·U (p × r, computed on first use), or null when built from a kernel. */
    public synchronized DMatrix coefBasis() {
        if (coefBasis == null && centredFeatures != null) {
            coefBasis = linAlg.multiply(true, centredFeatures, false, u);
        }
        return coefBasis;
    }

    /**
     * The dropped eigenvectors (n × (n − r)) when the spectrum came from the n × n kernel: an
     * orthonormal basis of everything U leaves out (the intercept direction included), used to form
     * leave-one-out residuals without cancellation; null in the primal (n &gt; p) mode.
     */
    public DMatrix complement() {
        return complement;
    }

    /** Train feature means (p), or null when built from a kernel. */
    public double[] xMean() {
        return xMean == null ? null : xMean.clone();
    }
}
