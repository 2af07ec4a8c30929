package org.brainalign.core.split;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.brainalign.core.random.NumpyRandomState;

/**
 * scikit-learn's {@code ShuffleSplit}: each split draws {@code permutation(n)} from one
 * {@code RandomState(seed)}; the first n_test indices are the test set and the next n_train the
 * training set. Sizes follow {@code _validate_shuffle_split}: a train fraction gives
 * n_train = floor(f·n), n_test = n − n_train; a test fraction gives n_test = ceil(f·n),
 * n_train = n − n_test. BSL's legacy CV is {@code ofTrain(10, 0.9, 1)}; its CKA and RDM metrics use
 * the test sets of {@code ofTest(10, 0.9, 1)}.
 */
public record ShuffleSplit(int nSplits, double fraction, boolean fractionIsTrain, long seed) implements Splitter {
    public ShuffleSplit {
        if (nSplits < 1) {
            throw new IllegalArgumentException("ShuffleSplit needs n_splits >= 1, got " + nSplits);
        }
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException("ShuffleSplit fraction must lie in (0, 1), got " + fraction);
        }
    }

    /** {@code ShuffleSplit(n_splits, train_size=trainFraction, random_state=seed)}. */
    public static ShuffleSplit ofTrain(int nSplits, double trainFraction, long seed) {
        return new ShuffleSplit(nSplits, trainFraction, true, seed);
    }

    /** {@code ShuffleSplit(n_splits, test_size=testFraction, random_state=seed)}. */
    public static ShuffleSplit ofTest(int nSplits, double testFraction, long seed) {
        return new ShuffleSplit(nSplits, testFraction, false, seed);
    }

    @Override
    public List<Split> split(int n, int[] groups) {
        int nTrain;
        int nTest;
        if (fractionIsTrain) {
            nTrain = (int) Math.floor(fraction * n);
            nTest = n - nTrain;
        } else {
            nTest = (int) Math.ceil(fraction * n);
            nTrain = n - nTest;
        }
        if (nTrain < 1 || nTest < 1) {
            throw new IllegalArgumentException(
                    "ShuffleSplit on " + n + " samples leaves " + nTrain + " train and " + nTest + " test samples; need at least 1 each");
        }
        NumpyRandomState rng = new NumpyRandomState(seed);
        List<Split> out = new ArrayList<>(nSplits);
        for (int s = 0; s < nSplits; s++) {
            int[] perm = rng.permutation(n);
            out.add(new Split(Arrays.copyOfRange(perm, nTest, nTest + nTrain), Arrays.copyOfRange(perm, 0, nTest)));
        }
        return out;
    }

    @Override
    public String describe() {
        return "ShuffleSplit(" + nSplits + ", " + (fractionIsTrain ? "train" : "test") + "=" + fraction + ", seed=" + seed + ")";
    }
}
