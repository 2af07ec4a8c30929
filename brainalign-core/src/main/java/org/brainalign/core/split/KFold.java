package org.brainalign.core.split;

import java.util.ArrayList;
import java.util.List;
import org.brainalign.core.random.NumpyRandomState;

/**
 * scikit-learn's {@code KFold(n_splits, shuffle, random_state)}: the sample indices, shuffled once
 * with {@code RandomState(seed)} when asked, are cut into consecutive folds whose sizes differ by at
 * most one (the first n mod k folds are one larger). Test and train indices come out ascending.
 */
public record KFold(int nSplits, boolean shuffle, long seed) implements Splitter {
    public KFold {
        if (nSplits < 2) {
            throw new IllegalArgumentException("KFold needs n_splits >= 2, got " + nSplits);
        }
    }

    @Override
    public List<Split> split(int n, int[] groups) {
        if (nSplits > n) {
            throw new IllegalArgumentException("KFold(" + nSplits + ") cannot split " + n + " samples");
        }
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        if (shuffle) {
            new NumpyRandomState(seed).shuffle(order);
        }
        List<Split> out = new ArrayList<>(nSplits);
        int start = 0;
        for (int f = 0; f < nSplits; f++) {
            int size = n / nSplits + (f < n % nSplits ? 1 : 0);
            boolean[] isTest = new boolean[n];
            for (int i = start; i < start + size; i++) {
                isTest[order[i]] = true;
            }
            out.add(Folds.fromMask(isTest));
            start += size;
        }
        return out;
    }

    @Override
    public String describe() {
        return "KFold(" + nSplits + (shuffle ? ", shuffle, seed=" + seed : "") + ")";
    }
}
