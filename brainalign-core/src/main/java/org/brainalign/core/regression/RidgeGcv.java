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
    double[] lambda = s.lambda();
    DMatrix m = y.gram(la);
    DMatrix p = la.multiply(true, u, false, m); // r × n : Uᵀ M
    DMatrix g = la.multiply(false, p, false, u); // r × r : Uᵀ M U
    double[] uu = new double[n];
    double[] q = new double[n];
    DMatrix d; // r × n : Uᵀ·M·(I − UUᵀ), the cross term between fitted and residual parts
    DMatrix nb = s.complement();
    if (nb != null) {
      // Kernel mode: (I − UUᵀ) = N·Nᵀ exactly, so project instead of subtracting (no cancellation).
      DMatrix mn = la.multiply(false, m, false, nb); // n × k
      DMatrix nmn = la.multiply(true, nb, false, mn); // k × k
      DMatrix umn = la.multiply(true, u, false, mn); // r × k
      d = la.multiply(false, umn, true, nb); // r × n
      DMatrix nq = la.multiply(false, nb, false, nmn); // n × k
      for (int j = 0; j < n; j++) {
        double acc = 0;
        for (int c = 0; c < nb.cols(); c++) {
          acc += nq.get(j, c) * nb.get(j, c);
        }
        q[j] = acc;
      }
    } else {
      DMatrix sMat = la.multiply(false, g, true, u); // r × n : G Uᵀ
      d = DMatrix.zeros(r, n);
      for (int j = 0; j < n; j++) {
        double sumUp = 0;
        double sumUs = 0;
        for (int i = 0; i < r; i++) {
          double uji = u.get(j, i);
          sumUp += uji * p.get(i, j);
          sumUs += uji * sMat.get(i, j);
          d.set(i, j, p.get(i, j) - sMat.get(i, j));
        }
        q[j] = m.get(j, j) - 2 * sumUp + sumUs;
      }
    }
    for (int j = 0; j < n; j++) {
      double acc = 0;
      for (int i = 0; i < r; i++) {
        acc += u.get(j, i) * u.get(j, i);
      }
      uu[j] = acc;
    }
    double[] out = new double[alphas.length];
    DMatrix w = DMatrix.zeros(n, r);
    DMatrix wg = DMatrix.zeros(n, r);
    for (int a = 0; a < alphas.length; a++) {
      double alpha = alphas[a];
      double b = 1.0 / alpha;
      double[] f = new double[r];
      for (int i = 0; i < r; i++) {
        f[i] = 1.0 / (lambda[i] + alpha);
      }
      for (int i = 0; i < r; i++) {
        for (int j = 0; j < n; j++) {
          w.set(j, i, u.get(j, i) * f[i]);
        }
      }
      la.gemm(false, false, 1.0, w, g, 0.0, wg);
      double total = 0;
      for (int j = 0; j < n; j++) {
        double quad = 0;
        double cross = 0;
        double diag = 0;
        for (int i = 0; i < r; i++) {
          double wji = w.get(j, i);
          quad += wg.get(j, i) * wji;
          cross += wji * d.get(i, j);
          diag += wji * u.get(j, i);
        }
        double gInv = diag + b * (1 - uu[j] - 1.0 / n);
        double sumSq = quad + 2 * b * cross + b * b * q[j];
        total += sumSq / (gInv * gInv);
      }
      out[a] = total / ((double) n * t);
    }
    return out;
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
    double[] uu = new double[n];
    for (int j = 0; j < n; j++) {
      double acc = 0;
      for (int i = 0; i < r; i++) {
        acc += u.get(j, i) * u.get(j, i);
      }
      uu[j] = acc;
    }
    double[][] out = new double[alphas.length][];
    DMatrix w = DMatrix.zeros(n, r);
    for (int a = 0; a < alphas.length; a++) {
      double alpha = alphas[a];
      double b = 1.0 / alpha;
      double[] gInv = new double[n];
      for (int i = 0; i < r; i++) {
        double f = 1.0 / (lambda[i] + alpha);
        for (int j = 0; j < n; j++) {
          w.set(j, i, u.get(j, i) * f);
        }
      }
      for (int j = 0; j < n; j++) {
        double diag = 0;
        for (int i = 0; i < r; i++) {
          diag += w.get(j, i) * u.get(j, i);
        }
        gInv[j] = diag + b * (1 - uu[j] - 1.0 / n);
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
