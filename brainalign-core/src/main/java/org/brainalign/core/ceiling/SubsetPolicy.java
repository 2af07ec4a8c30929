package org.brainalign.core.ceiling;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.brainalign.core.random.NumpyRandomState;

/**
 * Which subject pools the extrapolation ceiling visits, and which subjects are held out of each.
 * {@link #ALL}: every subset of every size n = 2…N (itertools.combinations order), each member held
 * out in turn (BSL's Blank2014/Fedorenko2016 ceilings). {@link #PEREIRA}: per n, 10 distinct
 * ordered subject draws (without replacement) from RandomState(0) — fewer when fewer exist — and in
 * each, 5 held-out subjects drawn with replacement (BSL's {@code pereira2018/ceiling_packaging.py}).
 */
public enum SubsetPolicy {
    ALL,
    PEREIRA;

    /** One pool visit: the subset (subject indices) and the held-out member. */
    public record Visit(int size, int[] subset, int heldOut) {}

    /** The visits for {@code subjects} subjects, in collection order. */
    public List<Visit> visits(int subjects) {
        List<Visit> out = new ArrayList<>();
        if (this == ALL) {
            for (int n = 2; n <= subjects; n++) {
                for (int[] subset : combinations(subjects, n)) {
                    for (int s : subset) {
                        out.add(new Visit(n, subset, s));
                    }
                }
            }
            return out;
        }
        NumpyRandomState rng = new NumpyRandomState(0);
        for (int n = 2; n <= subjects; n++) {
            long possible = orderedDraws(subjects, n);
            int wanted = (int) Math.min(10, possible);
            Set<List<Integer>> seen = new HashSet<>();
            List<int[]> subsets = new ArrayList<>();
            while (subsets.size() < wanted) {
                int[] draw = rng.choice(subjects, n, false);
                List<Integer> key = new ArrayList<>();
                for (int d : draw) {
                    key.add(d);
                }
                if (seen.add(key)) {
                    subsets.add(draw);
                }
            }
            for (int[] subset : subsets) {
                int[] held = rng.choice(n, 5, true);
                for (int h : held) {
                    out.add(new Visit(n, subset, subset[h]));
                }
            }
        }
        return out;
    }

    private static long orderedDraws(int total, int n) {
        long p = 1;
        for (int i = 0; i < n; i++) {
            p *= (total - i);
            if (p > 1_000_000) {
                return p;
            }
        }
        return p;
    }

    static List<int[]> combinations(int total, int n) {
        List<int[]> out = new ArrayList<>();
        int[] c = new int[n];
        for (int i = 0; i < n; i++) {
            c[i] = i;
        }
        while (true) {
            out.add(c.clone());
            int i = n - 1;
            while (i >= 0 && c[i] == total - n + i) {
                i--;
            }
            if (i < 0) {
                return out;
            }
            c[i]++;
            for (int j = i + 1; j < n; j++) {
                c[j] = c[j - 1] + 1;
            }
        }
    }
}
