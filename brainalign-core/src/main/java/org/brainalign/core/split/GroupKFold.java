package org.brainalign.core.split;

import java.util.ArrayList;
import java.util.List;
import org.brainalign.core.random.NumpyRandomState;

/**
 * scikit-learn ≥ 1.6 {@code GroupKFold(n_splits, shuffle=True, random_state)}, the CV of BSL's ridge
 * benchmarks: the sorted unique groups are permuted with {@code RandomState(seed)}, cut with
 * {@code np.array_split} into n_splits consecutive chunks (the first n mod k chunks one larger), and
 * each chunk's samples form one test set. No group ever appears in both train and test.
 */
public record GroupKFold(int nSplits, long seed) implements Splitter {
    public GroupKFold {
        if (nSplits < 2) {
            throw new IllegalArgumentException("GroupKFold needs n_splits >= 2, got " + nSplits);
        }
    }

    @Override
    public List<Split> split(int n, int[] groups) {
        if (groups == null || groups.length != n) {
            throw new IllegalArgumentException(
                    "GroupKFold needs one group code per sample: " + n + " samples, " + (groups == null ? "no" : groups.length) + " codes");
        }
        int nGroups = 0;
        for (int g : groups) {
            if (g < 0) {
                throw new IllegalArgumentException("group codes must be >= 0, found " + g);
            }
            nGroups = Math.max(nGroups, g + 1);
        }
        if (nSplits > nGroups) {
            throw new IllegalArgumentException(
                    "cannot have n_splits=" + nSplits + " greater than the number of groups: " + nGroups);
        }
        int[] perm = new NumpyRandomState(seed).permutation(nGroups);
        List<Split> out = new ArrayList<>(nSplits);
        int start = 0;
        for (int f = 0; f < nSplits; f++) {
            int size = nGroups / nSplits + (f < nGroups % nSplits ? 1 : 0);
            boolean[] groupInTest = new boolean[nGroups];
            for (int i = start; i < start + size; i++) {
                groupInTest[perm[i]] = true;
            }
            boolean[] isTest = new boolean[n];
            for (int i = 0; i < n; i++) {
                isTest[i] = groupInTest[groups[i]];
            }
            out.add(Folds.fromMask(isTest));
            start += size;
        }
        return out;
    }

    @Override
    public String describe() {
        return "GroupKFold(" + nSplits + ", shuffle, seed=" + seed + ")";
    }
}
