package org.brainalign.core.split;

import java.util.Arrays;

/**
 * One cross-validation split: the sample indices to fit on and the indices to evaluate on, in the
 * order scikit-learn yields them (ShuffleSplit: permutation order; KFold and GroupKFold: ascending).
 */
public record Split(int[] train, int[] test) {
    public Split {
        if (train.length == 0 || test.length == 0) {
            throw new IllegalArgumentException(
                    "a split needs non-empty train and test sets, got " + train.length + " train and " + test.length + " test");
        }
        train = train.clone();
        test = test.clone();
    }

    @Override
    public int[] train() {
        return train.clone();
    }

    @Override
    public int[] test() {
        return test.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Split s && Arrays.equals(train, s.train) && Arrays.equals(test, s.test);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(train) + Arrays.hashCode(test);
    }

    @Override
    public String toString() {
        return "Split[train=" + train.length + ", test=" + Arrays.toString(test) + "]";
    }
}
