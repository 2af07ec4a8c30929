package org.brainalign.core.metric;

import java.util.Arrays;

/**
 * The small statistics the metrics and ceilings share, each with the exact convention of the
 * Python reference it replaces: NaN-skipping median and mean (xarray's defaults), numpy's linear
 * percentile, scipy's Pearson r, BSL's epsilon Pearson, and Spearman's ρ with average ranks.
 */
public final class Stats {
    /** The epsilon of BSL's batched Pearson: r = Σ (x−x̄)/(‖x−x̄‖+ε) · (y−ȳ)/(‖y−ȳ‖+ε). */
    public static final double PEARSON_EPSILON = 1e-8;

    private Stats() {}

    /** Median of the non-NaN values; NaN when there are none. */
    public static double nanMedian(double[] values) {
        double[] v = Arrays.stream(values).filter(d -> !Double.isNaN(d)).sorted().toArray();
        if (v.length == 0) {
            return Double.NaN;
        }
        int mid = v.length / 2;
        return v.length % 2 == 1 ? v[mid] : 0.5 * (v[mid - 1] + v[mid]);
    }

    /** Mean of the non-NaN values; NaN when there are none. */
    public static double nanMean(double[] values) {
        double s = 0;
        int n = 0;
        for (double d : values) {
            if (!Double.isNaN(d)) {
                s += d;
                n++;
            }
        }
        return n == 0 ? Double.NaN : s / n;
    }

    /** numpy's default ("linear") percentile of the non-NaN values, q in [0, 100]. */
    public static double nanPercentile(double[] values, double q) {
        double[] v = Arrays.stream(values).filter(d -> !Double.isNaN(d)).sorted().toArray();
        if (v.length == 0) {
            return Double.NaN;
        }
        double pos = q / 100.0 * (v.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, v.length - 1);
        return v[lo] + (pos - lo) * (v[hi] - v[lo]);
    }

    /** BSL's epsilon Pearson between two equal-length vectors. */
    public static double pearsonEpsilon(double[] x, double[] y) {
        return pearsonEpsilon(x, 0, y, 0, x.length);
    }

    /** Epsilon Pearson over {@code n} values starting at the given offsets (column slices). */
    public static double pearsonEpsilon(double[] x, int xOff, double[] y, int yOff, int n) {
        double[] m = centredMoments(x, xOff, y, yOff, n);
        return m[2] / ((Math.sqrt(m[0]) + PEARSON_EPSILON) * (Math.sqrt(m[1]) + PEARSON_EPSILON));
    }

    /** scipy's {@code pearsonr} statistic; NaN when either input is constant. */
    public static double pearson(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("pearson needs equal lengths, got " + x.length + " and " + y.length);
        }
        if (x.length < 2) {
            return Double.NaN;
        }
        double[] m = centredMoments(x, 0, y, 0, x.length);
        if (m[0] == 0 || m[1] == 0) {
            return Double.NaN;
        }
        return Math.max(-1, Math.min(1, m[2] / Math.sqrt(m[0] * m[1])));
    }

    /** {Σ(x−x̄)², Σ(y−ȳ)², Σ(x−x̄)(y−ȳ)} over n values from the given offsets (two passes). */
    private static double[] centredMoments(double[] x, int xOff, double[] y, int yOff, int n) {
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++) {
            mx += x[xOff + i];
            my += y[yOff + i];
        }
        mx /= n;
        my /= n;
        double sxx = 0;
        double syy = 0;
        double sxy = 0;
        for (int i = 0; i < n; i++) {
            double a = x[xOff + i] - mx;
            double b = y[yOff + i] - my;
            sxx += a * a;
            syy += b * b;
            sxy += a * b;
        }
        return new double[] {sxx, syy, sxy};
    }

    /** Ranks 1..n with ties sharing their average rank (scipy {@code rankdata(method='average')}). */
    public static double[] rank(double[] x) {
        int n = x.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(x[a], x[b]));
        double[] r = new double[n];
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && x[order[j + 1]] == x[order[i]]) {
                j++;
            }
            double avg = 0.5 * (i + j) + 1;
            for (int k = i; k <= j; k++) {
                r[order[k]] = avg;
            }
            i = j + 1;
        }
        return r;
    }

    /** Spearman's ρ (Pearson on average ranks). */
    public static double spearman(double[] x, double[] y) {
        return pearson(rank(x), rank(y));
    }
}
