package org.brainalign.core.regression;

import java.util.Arrays;
import org.brainalign.core.linalg.DMatrix;
import org.brainalign.core.linalg.LinAlg;

/**
 * Ridge regression with intercept whose penalty is chosen by efficient leave-one-out
 * cross-validation on the training fold, exactly as scikit-learn's {@code RidgeCV(alphas,
 * fit_intercept=True)} ({@code _RidgeGCV}) and BSL's torch port of it: for each alpha the LOO
 * residuals are c<sub>j</sub>/G⁻¹<sub>jj</sub> with G = K<sub>c</sub> + αI (intercept direction
 * unpenalised); the alpha with the lowest mean squared LOO residual over all samples and targets
 * wins (first one on ties), or per target when {@code alphaPerTarget}. BSL's grid is
 * {@link #BSL_ALPHAS} = logspace(−3, 3, 7).
 */
public record RidgeGcv(double[] alphas, boolean alphaPerTarget) implements Regression {
    /** {@code np.logspace(-3, 3, 7)}. */
    public static final double[] BSL_ALPHAS = {1e-3, 1e-2, 1e-1, 1.0, 10.0, 100.0, 1000.0};

    public RidgeGcv {
        if (alphas.length == 0) {
            throw new IllegalArgumentException("RidgeGcv needs at least one alpha");
        }
        for (double a : alphas) {
            if (!(a > 0) || Double.isInfinite(a)) {
                throw new IllegalArgumentException("ridge alphas must be finite and > 0, found " + a);
            }
        }
        alphas = alphas.clone();
    }

    /** BSL's ridge: one alpha for all targets over logspace(−3, 3, 7). */
    public static RidgeGcv bsl() {
        return new RidgeGcv(BSL_ALPHAS, false);
    }

    @Override
    public double[] alphas() {
        return alphas.clone();
    }

    @Override
    public FoldFit fit(LinAlg la, FoldSpectrum spectrum, FoldTargets targets) {
        int t = targets.targetCount();
        if (alphaPerTarget || t <= spectrum.rank()) {
            double[][] errors = looErrorsDirect(la, spectrum, targets);
            return choose(spectrum, targets, errors);
        }
        double[] total = looErrorsGram(la, spectrum, targets);
        double[][] errors = new double[alphas.length][];
        for (int a = 0; a < alphas.length; a++) {
            errors[a] = new double[] {total[a]};
        }
        return choose(spectrum, targets, errors);
    }

    /**
     * Mean squared LOO residual per alpha, for all targets together, through the target Gram
     * (cost O(n²r) per alpha). Exposed for the test that compares it with the direct twin.
     */
    public double[] looErrorsGram(LinAlg la, FoldSpectrum s, FoldTargets y) {
        int n = s.trainSize();
        int r = s.rank();
        int t = y.targetCount();
        DMatrix u = s.u();
        double[] ud = u.data();
        double[] lambda = s.lambda();
        DMatrix m = y.gram(la);
        DMatrix p = la.multiply(true, u, false, m); // r × n : Uᵀ M
        DMatrix g = la.multiply(false, p, false, u); // r × r : Uᵀ M U
        double[] q = new double[n]; // ‖residual_j‖² over targets, residual = (I − UUᵀ) Yc
        DMatrix dT; // n × r : (I − UUᵀ)·M·U, the cross term between fitted and residual parts
        DMatrix nb = s.complement();
        if (nb != null) {
            // Kernel mode: (I − UUᵀ) = N·Nᵀ exactly, so project instead of subtracting (no cancellation).
            DMatrix mn = la.multiply(false, m, false, nb); // n × k
            DMatrix nmn = la.multiply(true, nb, false, mn); // k × k
            DMatrix umn = la.multiply(true, u, false, mn); // r × k
            dT = la.multiply(false, nb, true, umn); // n × r
            DMatrix nq = la.multiply(false, nb, false, nmn); // n × k
            rowDots(nq, nb, q);
        } else {
            DMatrix mu = la.multiply(false, m, false, u); // n × r : M U
            DMatrix ug = la.multiply(false, u, false, g); // n × r : U G
            dT = DMatrix.zeros(n, r);
            double[] dd = dT.data();
            for (int i = 0; i < dd.length; i++) {
                dd[i] = mu.data()[i] - ug.data()[i];
            }
            double[] umu = new double[n];
            double[] uug = new double[n];
            rowDots(u, mu, umu);
            rowDots(u, ug, uug);
            for (int j = 0; j < n; j++) {
                q[j] = m.get(j, j) - 2 * umu[j] + uug[j];
            }
        }
        double[] uu = new double[n];
        rowDots(u, u, uu);
        double[] out = new double[alphas.length];
        DMatrix w = DMatrix.zeros(n, r);
        DMatrix wg = DMatrix.zeros(n, r);
        double[] wd = w.data();
        double[] quad = new double[n];
        double[] cross = new double[n];
        double[] diag = new double[n];
        for (int a = 0; a < alphas.length; a++) {
            double alpha = alphas[a];
            double b = 1.0 / alpha;
            for (int i = 0; i < r; i++) {
                double f = 1.0 / (lambda[i] + alpha);
                int base = i * n;
                for (int j = 0; j < n; j++) {
                    wd[base + j] = ud[base + j] * f;
                }
            }
            la.gemm(false, false, 1.0, w, g, 0.0, wg);
            rowDots(wg, w, quad);
            rowDots(w, dT, cross);
            rowDots(w, u, diag);
            double total = 0;
            for (int j = 0; j < n; j++) {
                double gInv = diag[j] + b * (1 - uu[j] - 1.0 / n);
                double sumSq = quad[j] + 2 * b * cross[j] + b * b * q[j];
                total += sumSq / (gInv * gInv);
            }
            out[a] = total / ((double) n * t);
        }
        return out;
    }

    /** out[j] = Σ_i a[j, i]·b[j, i] for two n × r column-major matrices (column-wise, cache friendly). */
    private static void rowDots(DMatrix a, DMatrix b, double[] out) {
        int n = a.rows();
        int r = a.cols();
        double[] ad = a.data();
        double[] bd = b.data();
        java.util.Arrays.fill(out, 0);
        for (int i = 0; i < r; i++) {
            int base = i * n;
            for (int j = 0; j < n; j++) {
                out[j] += ad[base + j] * bd[base + j];
            }
        }
    }

    /**
     * Mean squared LOO residual per alpha: per target when {@code alphaPerTarget}, else one value
     * over all targets; computed from the residuals themselves (cost O(n·r·t) per alpha).
     */
    public double[][] looErrorsDirect(LinAlg la, FoldSpectrum s, FoldTargets y) {
        int n = s.trainSize();
        int r = s.rank();
        int t = y.targetCount();
        DMatrix u = s.u();
        double[] lambda = s.lambda();
        DMatrix yc = y.centered();
        DMatrix z = la.multiply(true, u, false, yc); // r × t
        DMatrix resid = yc.copy();
        la.gemm(false, false, -1.0, u, z, 1.0, resid); // (I − UUᵀ) Yc
        // U is column-major: the sums over i below run column by column (contiguous), each row's sum
        // still adding its terms in ascending i, so the results are the same bits as row by row.
        double[] ud = u.data();
        double[] uu = new double[n];
        for (int i = 0; i < r; i++) {
            for (int j = 0, o = i * n; j < n; j++) {
                uu[j] += ud[o + j] * ud[o + j];
            }
        }
        double[][] out = new double[alphas.length][];
        DMatrix w = DMatrix.zeros(n, r);
        double[] wd = w.data();
        for (int a = 0; a < alphas.length; a++) {
            double alpha = alphas[a];
            double b = 1.0 / alpha;
            double[] diag = new double[n];
            for (int i = 0; i < r; i++) {
                double f = 1.0 / (lambda[i] + alpha);
                for (int j = 0, o = i * n; j < n; j++) {
                    double wji = ud[o + j] * f;
                    wd[o + j] = wji;
                    diag[j] += wji * ud[o + j];
                }
            }
            double[] gInv = new double[n];
            for (int j = 0; j < n; j++) {
                gInv[j] = diag[j] + b * (1 - uu[j] - 1.0 / n);
            }
            DMatrix c = resid.copy();
            la.gemm(false, false, 1.0, w, z, b, c); // U diag(f) Z + b·R
            double[] perTarget = new double[t];
            for (int k = 0; k < t; k++) {
                double acc = 0;
                for (int j = 0; j < n; j++) {
                    double e = c.get(j, k) / gInv[j];
                    acc += e * e;
                }
                perTarget[k] = acc / n;
            }
            if (alphaPerTarget) {
                out[a] = perTarget;
            } else {
                double acc = 0;
                for (double v : perTarget) {
                    acc += v;
                }
                out[a] = new double[] {acc / t};
            }
        }
        return out;
    }

    private FoldFit choose(FoldSpectrum s, FoldTargets y, double[][] errors) {
        double[] lambda = s.lambda();
        int width = errors[0].length;
        int[] best = new int[width];
        for (int k = 0; k < width; k++) {
            double bestErr = Double.POSITIVE_INFINITY;
            for (int a = 0; a < alphas.length; a++) {
                // scikit-learn keeps the first alpha unless a later one scores strictly better.
                if (errors[a][k] < bestErr) {
                    bestErr = errors[a][k];
                    best[k] = a;
                }
            }
        }
        if (width == 1) {
            double alpha = alphas[best[0]];
            return FoldFit.uniform(s, y, weights(lambda, alpha), alpha);
        }
        double[] chosen = new double[width];
        double[][] f = new double[alphas.length][];
        for (int k = 0; k < width; k++) {
            chosen[k] = alphas[best[k]];
            if (f[best[k]] == null) {
                f[best[k]] = weights(lambda, alphas[best[k]]);
            }
        }
        return FoldFit.perTarget(s, y, f, best, chosen);
    }

    private static double[] weights(double[] lambda, double alpha) {
        double[] f = new double[lambda.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = 1.0 / (lambda[i] + alpha);
        }
        return f;
    }

    @Override
    public String describe() {
        return "RidgeCV(GCV, alphas=" + Arrays.toString(alphas) + (alphaPerTarget ? ", per target" : "") + ")";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RidgeGcv r && Arrays.equals(alphas, r.alphas) && alphaPerTarget == r.alphaPerTarget;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(alphas) * 31 + Boolean.hashCode(alphaPerTarget);
    }

    @Override
    public String toString() {
        return describe();
    }
}
