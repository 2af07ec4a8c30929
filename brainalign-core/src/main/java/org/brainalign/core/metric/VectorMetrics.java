package org.brainalign.core.metric;

import java.util.List;

/**
 * BSL's two metrics on paired vectors rather than assemblies: {@code pearsonr}, whose score is the
 * absolute Pearson r (scipy's statistic; the signed value goes in the note), and {@code accuracy},
 * the fraction of positions where prediction and truth are equal. Both skip nothing silently: pairs
 * must have equal lengths, and NaN entries of {@code pearsonr} inputs are dropped pairwise with the
 * count reported.
 */
public final class VectorMetrics {
    private VectorMetrics() {}

    /** |r| between {@code a} and {@code b}, over positions where both are finite. */
    public static MetricScore pearsonrAbs(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("pearsonr needs equal lengths, got " + a.length + " and " + b.length);
        }
        int n = 0;
        for (int i = 0; i < a.length; i++) {
            if (Double.isFinite(a[i]) && Double.isFinite(b[i])) {
                n++;
            }
        }
        double[] x = new double[n];
        double[] y = new double[n];
        int k = 0;
        for (int i = 0; i < a.length; i++) {
            if (Double.isFinite(a[i]) && Double.isFinite(b[i])) {
                x[k] = a[i];
                y[k++] = b[i];
            }
        }
        double r = Stats.pearson(x, y);
        String note = String.format(java.util.Locale.ROOT, "signed r %.4f", r) + " over " + n + " pairs" + (n < a.length ? " (" + (a.length - n) + " non-finite dropped)" : "");
        return new MetricScore(Math.abs(r), new double[][] {{Math.abs(r)}}, note);
    }

    /** Fraction of equal entries. */
    public static MetricScore accuracy(List<String> predicted, List<String> truth) {
        if (predicted.size() != truth.size() || truth.isEmpty()) {
            throw new IllegalArgumentException("accuracy needs equal, non-empty lengths, got " + predicted.size() + " and "
                    + truth.size());
        }
        int hits = 0;
        for (int i = 0; i < truth.size(); i++) {
            if (predicted.get(i).equals(truth.get(i))) {
                hits++;
            }
        }
        double acc = (double) hits / truth.size();
        return new MetricScore(acc, new double[][] {{acc}}, hits + " of " + truth.size() + " correct");
    }
}
