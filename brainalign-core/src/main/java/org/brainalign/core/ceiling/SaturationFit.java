package org.brainalign.core.ceiling;

/**
 * Least-squares fit of the ceiling extrapolation curve v(n) = v0·(1 − exp(−n/τ0)) with v0 bounded
 * to [0, 1], the fit BSL does with {@code scipy.optimize.curve_fit(..., bounds=([0, -inf], [1, inf]))}.
 *
 * <p>The model is linear in v0, so for a fixed τ0 the best v0 is the clipped closed form
 * v0(τ) = clip(Σ y·g / Σ g², 0, 1) with g = 1 − exp(−x/τ). The fit minimises the resulting profile
 * sum of squares over τ0 &gt; 0 (in log τ: a coarse grid, then Brent's method, then Newton polishing),
 * which finds the global bounded optimum that scipy's trust-region-reflective iteration converges
 * to. τ0 ≤ 0 describes a curve that falls with more subjects and is not searched. A fit that cannot
 * be made (fewer than 2 points, non-finite data) returns NaN parameters and never throws.
 */
public final class SaturationFit {
    private static final double GOLDEN = 0.3819660112501051;

    private SaturationFit() {}

    /** Fitted parameters; both NaN when the fit failed. */
    public record Params(double v0, double tau0) {
        public boolean failed() {
            return Double.isNaN(v0);
        }
    }

    /** The curve at x. */
    public static double curve(double x, double v0, double tau0) {
        return v0 * (1 - Math.exp(-x / tau0));
    }

    /** Fits v0, τ0 to the points (x, y). */
    public static Params fit(double[] x, double[] y) {
        if (x.length != y.length || x.length < 2) {
            return new Params(Double.NaN, Double.NaN);
        }
        double xMin = Double.POSITIVE_INFINITY;
        double xMax = 0;
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(x[i]) || !Double.isFinite(y[i]) || x[i] <= 0) {
                return new Params(Double.NaN, Double.NaN);
            }
            xMin = Math.min(xMin, x[i]);
            xMax = Math.max(xMax, x[i]);
        }
        // Coarse scan of log τ over a range far wider than the data, then Brent around the best cell.
        double lo = Math.log(xMin * 1e-4);
        double hi = Math.log(xMax * 1e4);
        int grid = 120;
        double bestT = lo;
        double bestF = Double.POSITIVE_INFINITY;
        for (int k = 0; k <= grid; k++) {
            double t = lo + (hi - lo) * k / grid;
            double f = profile(x, y, t);
            if (f < bestF) {
                bestF = f;
                bestT = t;
            }
        }
        double step = (hi - lo) / grid;
        double t = brent(x, y, Math.max(lo, bestT - step), Math.min(hi, bestT + step));
        t = polish(x, y, t);
        double tau = Math.exp(t);
        double v0 = bestV0(x, y, tau);
        if (!Double.isFinite(v0) || !Double.isFinite(tau)) {
            return new Params(Double.NaN, Double.NaN);
        }
        return new Params(v0, tau);
    }

    static double bestV0(double[] x, double[] y, double tau) {
        double sgy = 0;
        double sgg = 0;
        for (int i = 0; i < x.length; i++) {
            double g = -Math.expm1(-x[i] / tau);
            sgy += g * y[i];
            sgg += g * g;
        }
        double v = sgg > 0 ? sgy / sgg : 0;
        return Math.max(0, Math.min(1, v));
    }

    /** Sum of squared residuals at the best v0 for τ = exp(logTau). */
    static double profile(double[] x, double[] y, double logTau) {
        double tau = Math.exp(logTau);
        double v0 = bestV0(x, y, tau);
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            double r = y[i] - curve(x[i], v0, tau);
            s += r * r;
        }
        return s;
    }

    /** Brent's minimisation of the profile on [a, b]. */
    private static double brent(double[] xs, double[] ys, double a, double b) {
        double x = a + GOLDEN * (b - a);
        double w = x;
        double v = x;
        double fx = profile(xs, ys, x);
        double fw = fx;
        double fv = fx;
        double d = 0;
        double e = 0;
        for (int iter = 0; iter < 200; iter++) {
            double m = 0.5 * (a + b);
            double tol = 1e-12 * Math.abs(x) + 1e-14;
            if (Math.abs(x - m) <= 2 * tol - 0.5 * (b - a)) {
                break;
            }
            boolean golden = true;
            if (Math.abs(e) > tol) {
                double r = (x - w) * (fx - fv);
                double q = (x - v) * (fx - fw);
                double p = (x - v) * q - (x - w) * r;
                q = 2 * (q - r);
                if (q > 0) {
                    p = -p;
                }
                q = Math.abs(q);
                if (Math.abs(p) < Math.abs(0.5 * q * e) && p > q * (a - x) && p < q * (b - x)) {
                    e = d;
                    d = p / q;
                    double u = x + d;
                    if (u - a < 2 * tol || b - u < 2 * tol) {
                        d = x < m ? tol : -tol;
                    }
                    golden = false;
                }
            }
            if (golden) {
                e = (x < m ? b : a) - x;
                d = GOLDEN * e;
            }
            double u = Math.abs(d) >= tol ? x + d : x + (d > 0 ? tol : -tol);
            double fu = profile(xs, ys, u);
            if (fu <= fx) {
                if (u < x) {
                    b = x;
                } else {
                    a = x;
                }
                v = w;
                fv = fw;
                w = x;
                fw = fx;
                x = u;
                fx = fu;
            } else {
                if (u < x) {
                    a = u;
                } else {
                    b = u;
                }
                if (fu <= fw || w == x) {
                    v = w;
                    fv = fw;
                    w = u;
                    fw = fu;
                } else if (fu <= fv || v == x || v == w) {
                    v = u;
                    fv = fu;
                }
            }
        }
        return x;
    }

    /** Newton steps on the profile's derivative (finite differences) while they improve it. */
    private static double polish(double[] xs, double[] ys, double t) {
        double f = profile(xs, ys, t);
        for (int i = 0; i < 20; i++) {
            double h = 1e-5 * Math.max(1, Math.abs(t));
            double fp = profile(xs, ys, t + h);
            double fm = profile(xs, ys, t - h);
            double g = (fp - fm) / (2 * h);
            double c = (fp - 2 * f + fm) / (h * h);
            if (!(c > 0)) {
                break;
            }
            double next = t - g / c;
            double fn = profile(xs, ys, next);
            if (!(fn < f)) {
                break;
            }
            t = next;
            f = fn;
        }
        return t;
    }
}
