package org.brainalign.core.stats;

/**
 * Welch's unequal-variance t-test per unit between two groups of observations, as SciPy's
 * {@code ttest_ind(a, b, equal_var=False)}: t = (mean_a − mean_b) / √(var_a/n_a + var_b/n_b) with
 * sample variances (ddof = 1), Welch–Satterthwaite degrees of freedom, and a two-sided p-value.
 * A unit that is constant in both groups has t, df and p NaN.
 *
 * @param t t statistic per unit
 * @param df degrees of freedom per unit
 * @param p two-sided p-value per unit
 */
public record WelchTest(double[] t, double[] df, double[] p) {

    /**
     * Tests every unit (column) of {@code a} (rows × units) against {@code b}; each group needs at
     * least two rows.
     */
    public static WelchTest of(double[][] a, double[][] b) {
        if (a.length < 2 || b.length < 2) {
            throw new IllegalArgumentException("Welch's t-test needs at least 2 observations per group, got " + a.length + " and "
                    + b.length);
        }
        int units = a[0].length;
        if (b[0].length != units) {
            throw new IllegalArgumentException("groups have " + units + " and " + b[0].length + " units");
        }
        double[] t = new double[units];
        double[] df = new double[units];
        double[] p = new double[units];
        for (int u = 0; u < units; u++) {
            double[] ma = moments(a, u);
            double[] mb = moments(b, u);
            double va = ma[1] / a.length;
            double vb = mb[1] / b.length;
            double se2 = va + vb;
            if (se2 == 0) {
                t[u] = df[u] = p[u] = Double.NaN;
                continue;
            }
            t[u] = (ma[0] - mb[0]) / Math.sqrt(se2);
            df[u] = se2 * se2 / (va * va / (a.length - 1) + vb * vb / (b.length - 1));
            p[u] = StudentT.twoSidedP(t[u], df[u]);
        }
        return new WelchTest(t, df, p);
    }

    /** Mean and sample variance (ddof = 1) of column {@code u}. */
    private static double[] moments(double[][] rows, int u) {
        double mean = 0;
        for (double[] r : rows) {
            mean += r[u];
        }
        mean /= rows.length;
        double ss = 0;
        for (double[] r : rows) {
            double d = r[u] - mean;
            ss += d * d;
        }
        return new double[] {mean, ss / (rows.length - 1)};
    }
}
