package org.brainalign.benchmarks.brennan2016;

import java.util.ArrayList;
import java.util.List;

/**
 * Contiguous cross-validation for a time series: the volumes cut into {@code blocks} consecutive
 * blocks; each block is the test set once, and the training set is every other volume except the
 * {@code gap} volumes on each side of the test block, so that the haemodynamic response of test
 * volumes does not leak into training (a shuffled split of an autocorrelated series inflates scores).
 *
 * @param volumes the series length
 * @param blocks the number of folds
 * @param gap volumes dropped from training at each train/test boundary
 */
public record TimeSeriesFolds(int volumes, int blocks, int gap) {
    public TimeSeriesFolds {
        if (blocks < 2 || gap < 0 || volumes < blocks * (2 * gap + 2)) {
            throw new IllegalArgumentException("cannot cut " + volumes + " volumes into " + blocks + " blocks with gaps of " + gap);
        }
    }

    /** One fold: test volumes and training volumes, ascending. */
    public record Fold(int[] test, int[] train) {}

    /** The folds, in time order. */
    public List<Fold> folds() {
        List<Fold> out = new ArrayList<>();
        for (int b = 0; b < blocks; b++) {
            int start = (int) ((long) volumes * b / blocks);
            int end = (int) ((long) volumes * (b + 1) / blocks);
            int[] test = new int[end - start];
            for (int i = 0; i < test.length; i++) {
                test[i] = start + i;
            }
            List<Integer> train = new ArrayList<>();
            for (int v = 0; v < volumes; v++) {
                if (v < start - gap || v >= end + gap) {
                    train.add(v);
                }
            }
            out.add(new Fold(test, train.stream().mapToInt(Integer::intValue).toArray()));
        }
        return out;
    }

    /** A one-line description for provenance. */
    public String describe() {
        return "contiguous " + blocks + "-block CV over " + volumes + " volumes, " + gap + " volumes dropped at each boundary";
    }
}
