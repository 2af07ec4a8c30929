package org.brainalign.core.ceiling;

import java.util.Arrays;
import org.brainalign.core.metric.Stats;
import org.brainalign.core.random.NumpyRandomState;

/**
 * BSL's split-half consistency ceiling for behavioural data (Futrell2018): with RandomState(0),
 * 10 times draw half the subjects without replacement, average each half over its subjects per
 * item (NaN-skipping), correlate the two half-means (|Pearson r| over items where both are
 * defined), and apply the Spearman–Brown correction c' = 2c/(1 + c); the ceiling is the median over
 * splits. Input: subjects × items, NaN where a subject has no value.
 */
public final class SplitHalfCeiling {
    private final int splits;

    public SplitHalfCeiling(int splits) {
        if (splits < 1) {
            throw new IllegalArgumentException("split-half ceiling needs at least 1 split, got " + splits);
        }
        this.splits = splits;
    }

    /** BSL's 10 splits. */
    public static SplitHalfCeiling bsl() {
        return new SplitHalfCeiling(10);
    }

    public Ceiling compute(double[][] subjectsByItems) {
        int subjects = subjectsByItems.length;
        if (subjects < 2) {
            throw new IllegalArgumentException("split-half ceiling needs at least 2 subjects, got " + subjects);
        }
        int items = subjectsByItems[0].length;
        NumpyRandomState rng = new NumpyRandomState(0);
        double[] corrected = new double[splits];
        for (int s = 0; s < splits; s++) {
            int[] half = rng.choice(subjects, subjects / 2, false);
            boolean[] inHalf = new boolean[subjects];
            for (int h : half) {
                inHalf[h] = true;
            }
            double[] a = new double[items];
            double[] b = new double[items];
            for (int i = 0; i < items; i++) {
                a[i] = meanOver(subjectsByItems, i, inHalf, true);
                b[i] = meanOver(subjectsByItems, i, inHalf, false);
            }
            int[] ok = java.util.stream.IntStream.range(0, items)
                    .filter(i -> !Double.isNaN(a[i]) && !Double.isNaN(b[i])).toArray();
            double[] fa = Arrays.stream(ok).mapToDouble(i -> a[i]).toArray();
            double[] fb = Arrays.stream(ok).mapToDouble(i -> b[i]).toArray();
            double c = Math.abs(Stats.pearson(fa, fb));
            corrected[s] = 2 * c / (1 + c);
        }
        double[] sorted = corrected.clone();
        Arrays.sort(sorted);
        return new Ceiling(Stats.nanMedian(corrected), sorted[0], sorted[sorted.length - 1], new double[0],
                "split-half (" + splits + " splits, Spearman-Brown)");
    }

    private static double meanOver(double[][] m, int item, boolean[] inHalf, boolean want) {
        double sum = 0;
        int n = 0;
        for (int s = 0; s < m.length; s++) {
            if (inHalf[s] == want && !Double.isNaN(m[s][item])) {
                sum += m[s][item];
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }
}
