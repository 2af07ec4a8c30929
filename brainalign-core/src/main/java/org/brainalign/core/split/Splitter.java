package org.brainalign.core.split;

import java.util.List;

/**
 * A cross-validation policy with scikit-learn's exact semantics, so the same seed yields the same
 * index sets as the Python reference. {@code groups} holds one group code per sample (codes are the
 * ranks of the sorted unique labels, as {@code np.unique(..., return_inverse=True)} gives); policies
 * that ignore groups accept {@code null}.
 */
public sealed interface Splitter permits ShuffleSplit, KFold, GroupKFold {

    /** The splits of {@code n} samples, in scikit-learn's order. */
    List<Split> split(int n, int[] groups);

    /** A short description for reports, e.g. {@code ShuffleSplit(10, train=0.9, seed=1)}. */
    String describe();

    /** The seed of the {@code RandomState} that shuffles (recorded with every score made on these splits). */
    long seed();
}
