package org.brainalign.core.stats;

/**
 * Student's t-distribution with (possibly fractional) degrees of freedom ν, as Welch's test
 * needs: the two-sided tail probability P(|T| ≥ |t|) = I_{ν/(ν+t²)}(ν/2, 1/2).
 */
public final class StudentT {

    private StudentT() {
    }

    /** Two-sided p-value of {@code t} with {@code df} degrees of freedom; NaN if either is NaN. */
    public static double twoSidedP(double t, double df) {
        if (Double.isNaN(t) || Double.isNaN(df)) {
            return Double.NaN;
        }
        if (!(df > 0)) {
            throw new IllegalArgumentException("degrees of freedom must be positive, got " + df);
        }
        if (Double.isInfinite(t)) {
            return 0;
        }
        return SpecialFunctions.regularizedBeta(df / (df + t * t), df / 2, 0.5);
    }

    /** The cumulative distribution P(T ≤ t). */
    public static double cdf(double t, double df) {
        double tail = twoSidedP(t, df) / 2;
        return t >= 0 ? 1 - tail : tail;
    }
}
