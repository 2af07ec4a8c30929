package org.brainalign.core.score;

import org.brainalign.core.metric.Stats;
import org.brainalign.core.random.NumpyRandomState;

/**
 * Bootstrap confidence intervals and paired model comparisons over neuroids (beyond BSL, which
 * reports none). A metric's split × neuroid matrix is aggregated as the metric does — median over
 * neuroids per split, mean over splits — on neuroids resampled with replacement
 * ({@code RandomState(seed)}); with a single neuroid the splits are resampled instead.
 */
public final class Bootstrap {
    /** Resamples per interval. */
    public static final int RESAMPLES = 1000;

    private Bootstrap() {}

    /** The 95 % percentile interval of the aggregate under neuroid resampling. */
    public static Interval interval(double[][] splitByNeuroid, long seed) {
        double[] stats = distribution(splitByNeuroid, null, seed);
        if (stats == null) {
            return Interval.UNKNOWN;
        }
        return new Interval(Stats.nanPercentile(stats, 2.5), Stats.nanPercentile(stats, 97.5));
    }

    /**
     * Paired comparison of two models on the same benchmark (same splits, same neuroids): the
     * observed difference a − b, its 95 % interval, and the two-sided bootstrap p-value of "no
     * difference" (twice the smaller tail of the resampled differences, at most 1).
     */
    public static Comparison compare(double[][] a, double[][] b, long seed) {
        if (a.length != b.length || a.length == 0 || a[0].length != b[0].length) {
            throw new IllegalArgumentException("paired comparison needs the same splits and neuroids: "
                    + a.length + "x" + (a.length == 0 ? 0 : a[0].length) + " vs " + b.length + "x" + (b.length == 0 ? 0 : b[0].length));
        }
        double observed = aggregate(a, null) - aggregate(b, null);
        double[] diffs = distribution(a, b, seed);
        int le = 0;
        int ge = 0;
        for (double d : diffs) {
            if (d <= 0) {
                le++;
            }
            if (d >= 0) {
                ge++;
            }
        }
        double p = Math.min(1.0, 2.0 * Math.min(le, ge) / diffs.length);
        return new Comparison(observed, new Interval(Stats.nanPercentile(diffs, 2.5), Stats.nanPercentile(diffs, 97.5)), p);
    }

    /**
     * The 95 % percentile interval of |Pearson r| between paired values, resampling pairs with
     * replacement ({@code RandomState(seed)}); pairs with a non-finite value are dropped first.
     */
    public static Interval correlationInterval(double[] x, double[] y, long seed) {
        int n = 0;
        for (int i = 0; i < x.length; i++) {
            if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
                n++;
            }
        }
        if (n < 3) {
            return Interval.UNKNOWN;
        }
        double[] fx = new double[n];
        double[] fy = new double[n];
        int k = 0;
        for (int i = 0; i < x.length; i++) {
            if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
                fx[k] = x[i];
                fy[k++] = y[i];
            }
        }
        NumpyRandomState rng = new NumpyRandomState(seed);
        double[] stats = new double[RESAMPLES];
        double[] bx = new double[n];
        double[] by = new double[n];
        for (int r = 0; r < RESAMPLES; r++) {
            for (int i = 0; i < n; i++) {
                int j = (int) rng.randint(0, n);
                bx[i] = fx[j];
                by[i] = fy[j];
            }
            stats[r] = Math.abs(Stats.pearson(bx, by));
        }
        return new Interval(Stats.nanPercentile(stats, 2.5), Stats.nanPercentile(stats, 97.5));
    }

    /**
     * The 95 % percentile interval of {@code sign}·(Pearson r) between paired values when whole
     * clusters are resampled with replacement ({@code RandomState(seed)}): for words nested in
     * sentences, the sentences are the units that were sampled, so they are what is resampled.
     * {@code cluster[i]} numbers pair i's cluster (0..k−1); every value must be finite.
     */
    public static Interval clusteredCorrelationInterval(double[] x, double[] y, int[] cluster, double sign, long seed) {
        if (x.length != y.length || x.length != cluster.length) {
            throw new IllegalArgumentException("x, y and cluster differ in length: " + x.length + ", " + y.length + ", "
                    + cluster.length);
        }
        int k = 0;
        for (int c : cluster) {
            if (c < 0) {
                throw new IllegalArgumentException("negative cluster index " + c);
            }
            k = Math.max(k, c + 1);
        }
        if (k < 3) {
            return Interval.UNKNOWN;
        }
        java.util.List<java.util.List<Integer>> members = new java.util.ArrayList<>();
        for (int c = 0; c < k; c++) {
            members.add(new java.util.ArrayList<>());
        }
        for (int i = 0; i < cluster.length; i++) {
            members.get(cluster[i]).add(i);
        }
        // Centred once (r is shift-invariant), so the one-pass sums below do not cancel.
        double mx = Stats.nanMean(x), my = Stats.nanMean(y);
        double[] cx = new double[x.length], cy = new double[y.length];
        for (int i = 0; i < x.length; i++) {
            cx[i] = x[i] - mx;
            cy[i] = y[i] - my;
        }
        NumpyRandomState rng = new NumpyRandomState(seed);
        double[] stats = new double[RESAMPLES];
        for (int r = 0; r < RESAMPLES; r++) {
            // Sufficient statistics of the resample: n, Σx, Σy, Σx², Σy², Σxy.
            double n = 0, sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
            for (int c = 0; c < k; c++) {
                for (int i : members.get((int) rng.randint(0, k))) {
                    n++;
                    sx += cx[i];
                    sy += cy[i];
                    sxx += cx[i] * cx[i];
                    syy += cy[i] * cy[i];
                    sxy += cx[i] * cy[i];
                }
            }
            double cov = sxy - sx * sy / n;
            double vx = sxx - sx * sx / n;
            double vy = syy - sy * sy / n;
            stats[r] = sign * cov / Math.sqrt(vx * vy);
        }
        return new Interval(Stats.nanPercentile(stats, 2.5), Stats.nanPercentile(stats, 97.5));
    }

    /** Result of {@link #compare}. */
    public record Comparison(double difference, Interval interval, double pValue) {}

    private static double[] distribution(double[][] a, double[][] b, long seed) {
        if (a.length == 0 || a[0].length == 0) {
            return null;
        }
        int splits = a.length;
        int neuroids = a[0].length;
        boolean bySplit = neuroids == 1;
        if (bySplit && splits < 2) {
            return null;
        }
        // Draw every resample's indices first (one RandomState stream, reproducible), then evaluate
        // the resamples in parallel.
        NumpyRandomState rng = new NumpyRandomState(seed);
        int size = bySplit ? splits : neuroids;
        int[][] counts = new int[RESAMPLES][size];
        for (int r = 0; r < RESAMPLES; r++) {
            for (int i = 0; i < size; i++) {
                counts[r][(int) rng.randint(0, size)]++;
            }
        }
        SortedSplits sa = bySplit ? null : new SortedSplits(a);
        SortedSplits sb = bySplit || b == null ? null : new SortedSplits(b);
        double[] out = new double[RESAMPLES];
        java.util.stream.IntStream.range(0, RESAMPLES).parallel().forEach(r -> {
            double va = bySplit ? weightedSplitMean(a, counts[r]) : sa.aggregate(counts[r]);
            double vb = b == null ? 0 : bySplit ? weightedSplitMean(b, counts[r]) : sb.aggregate(counts[r]);
            out[r] = va - vb;
        });
        return out;
    }

    /** The fast resample aggregate (counts per neuroid), for the test against the plain twin. */
    static double resampleAggregate(double[][] m, int[] counts) {
        return new SortedSplits(m).aggregate(counts);
    }

    /** The plain twin: materialise the resampled neuroids and take medians by selection. */
    static double resampleAggregatePlain(double[][] m, int[] idx) {
        return aggregate(m, idx, false);
    }

    private static double weightedSplitMean(double[][] m, int[] counts) {
        double sum = 0;
        int n = 0;
        for (int s = 0; s < m.length; s++) {
            if (counts[s] > 0 && !Double.isNaN(m[s][0])) {
                sum += counts[s] * m[s][0];
                n += counts[s];
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /**
     * Each split's non-NaN values in ascending order, so the median of a resample (given as a count
     * per neuroid) is found by one cumulative scan instead of copying and selecting.
     */
    private static final class SortedSplits {
        private final int[][] order;
        private final double[][] values;

        SortedSplits(double[][] m) {
            order = new int[m.length][];
            values = m;
            for (int s = 0; s < m.length; s++) {
                double[] row = m[s];
                order[s] = java.util.stream.IntStream.range(0, row.length).filter(i -> !Double.isNaN(row[i])).boxed()
                        .sorted(java.util.Comparator.comparingDouble(i -> row[i])).mapToInt(Integer::intValue).toArray();
            }
        }

        double aggregate(int[] counts) {
            double sum = 0;
            int used = 0;
            for (int s = 0; s < order.length; s++) {
                int[] ord = order[s];
                long total = 0;
                for (int i : ord) {
                    total += counts[i];
                }
                if (total == 0) {
                    continue;
                }
                // Median of the multiset: the element at rank (total-1)/2, averaged with rank total/2.
                long lo = (total - 1) / 2;
                long hi = total / 2;
                double vlo = Double.NaN;
                double vhi = Double.NaN;
                long seen = 0;
                for (int i : ord) {
                    int c = counts[i];
                    if (c == 0) {
                        continue;
                    }
                    long next = seen + c;
                    if (Double.isNaN(vlo) && lo < next) {
                        vlo = values[s][i];
                    }
                    if (hi < next) {
                        vhi = values[s][i];
                        break;
                    }
                    seen = next;
                }
                sum += 0.5 * (vlo + vhi);
                used++;
            }
            return used == 0 ? Double.NaN : sum / used;
        }
    }

    private static double aggregate(double[][] m, int[] idx) {
        return aggregate(m, idx, m[0].length == 1);
    }

    private static double aggregate(double[][] m, int[] idx, boolean bySplit) {
        if (bySplit) {
            double[] v = new double[idx == null ? m.length : idx.length];
            for (int i = 0; i < v.length; i++) {
                v[i] = m[idx == null ? i : idx[i]][0];
            }
            return Stats.nanMean(v);
        }
        double[] perSplit = new double[m.length];
        double[] buf = new double[idx == null ? m[0].length : idx.length];
        for (int s = 0; s < m.length; s++) {
            int n = 0;
            for (int i = 0; i < buf.length; i++) {
                double v = m[s][idx == null ? i : idx[i]];
                if (!Double.isNaN(v)) {
                    buf[n++] = v;
                }
            }
            perSplit[s] = n == 0 ? Double.NaN : median(buf, n);
        }
        return Stats.nanMean(perSplit);
    }

    /** Median of the first n values by quickselect (reorders them). */
    static double median(double[] v, int n) {
        int mid = n / 2;
        double hi = select(v, 0, n - 1, mid);
        if (n % 2 == 1) {
            return hi;
        }
        double lo = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < mid; i++) {
            lo = Math.max(lo, v[i]);
        }
        return 0.5 * (lo + hi);
    }

    private static double select(double[] v, int left, int right, int k) {
        while (left < right) {
            double pivot = v[(left + right) >>> 1];
            int i = left;
            int j = right;
            while (i <= j) {
                while (v[i] < pivot) {
                    i++;
                }
                while (v[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    double t = v[i];
                    v[i] = v[j];
                    v[j] = t;
                    i++;
                    j--;
                }
            }
            if (k <= j) {
                right = j;
            } else if (k >= i) {
                left = i;
            } else {
                return v[k];
            }
        }
        return v[k];
    }
}
