package org.brainalign.core.metric;

import java.util.ArrayList;
import java.util.List;
import org.brainalign.core.assembly.Assembly;
import org.brainalign.core.linalg.DMatrix;
import org.brainalign.core.linalg.LinAlg;
import org.brainalign.core.regression.FoldFit;
import org.brainalign.core.regression.FoldSpectrum;
import org.brainalign.core.regression.FoldTargets;
import org.brainalign.core.regression.Ols;
import org.brainalign.core.regression.Regression;
import org.brainalign.core.regression.RidgeGcv;
import org.brainalign.core.split.GroupKFold;
import org.brainalign.core.split.ShuffleSplit;
import org.brainalign.core.split.Split;
import org.brainalign.core.split.Splitter;

/**
 * BSL's {@code CrossRegressedCorrelation}: per cross-validation split, fit a regression from the
 * train features to the train neuroids, predict the test presentations, take the epsilon Pearson r
 * per neuroid over them; the score is the median over neuroids within each split, then the mean over
 * splits (NaN-skipping), with the split × neuroid matrix kept.
 *
 * <p>{@link #linearShuffle()} is {@code linear_pearsonr} (ShuffleSplit 10 × 90/10, seed 1, OLS);
 * {@link #ridgeGrouped} is {@code ridge_pearsonr} (GroupKFold with shuffle, seed 1234, ridge GCV over
 * logspace(−3, 3, 7)) grouped by the given presentation coordinate.
 */
public final class CrossRegressedCorrelation implements NeuralMetric {
    private final String id;
    private final Regression regression;
    private final Splitter splitter;
    private final String groupCoord;
    private final LinAlg la;

    /** {@code groupCoord} names the presentation coordinate whose codes feed the splitter (may be null). */
    public CrossRegressedCorrelation(String id, Regression regression, Splitter splitter, String groupCoord, LinAlg la) {
        this.id = id;
        this.regression = regression;
        this.splitter = splitter;
        this.groupCoord = groupCoord;
        this.la = la;
        if (splitter instanceof GroupKFold && groupCoord == null) {
            throw new IllegalArgumentException("a grouped split needs a group coordinate");
        }
    }

    /** {@code linear_pearsonr}: ShuffleSplit(10, train 0.9, seed 1), OLS with intercept. */
    public static CrossRegressedCorrelation linearShuffle() {
        return new CrossRegressedCorrelation("linear_pearsonr", new Ols(), ShuffleSplit.ofTrain(10, 0.9, 1), null, LinAlg.get());
    }

    /** {@code ridge_pearsonr}: GroupKFold(nSplits, shuffle, seed 1234) on {@code groupCoord}, ridge GCV. */
    public static CrossRegressedCorrelation ridgeGrouped(int nSplits, String groupCoord) {
        return new CrossRegressedCorrelation("ridge_pearsonr", RidgeGcv.bsl(), new GroupKFold(nSplits, 1234), groupCoord, LinAlg.get());
    }

    /** BSL's ridge with the metric's default CV: ShuffleSplit(10, train 0.9, seed 1) (Tuckute2024-ridge). */
    public static CrossRegressedCorrelation ridgeShuffle() {
        return new CrossRegressedCorrelation("ridge_pearsonr", RidgeGcv.bsl(), ShuffleSplit.ofTrain(10, 0.9, 1), null, LinAlg.get());
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String describe() {
        return id + ": " + regression.describe() + ", " + splitter.describe() + (groupCoord == null ? "" : " by " + groupCoord);
    }

    @Override
    public java.util.Map<String, Long> seeds() {
        return java.util.Map.of("splits", splitter.seed());
    }

    public Regression regression() {
        return regression;
    }

    public Splitter splitter() {
        return splitter;
    }

    /** The folds of one prepared target. */
    public record Fold(Split split, FoldTargets train, DMatrix test) {}

    /** Target-side state: the splits and each fold's train statistics and test targets. */
    public record PreparedTarget(Assembly target, List<Fold> folds) implements Prepared {}

    @Override
    public PreparedTarget prepare(Assembly target) {
        int n = target.presentations();
        int[] groups = groupCoord == null ? null : target.coord(Assembly.Dim.PRESENTATION, groupCoord).codes();
        List<Fold> folds = new ArrayList<>();
        for (Split s : splitter.split(n, groups)) {
            DMatrix y = target.values();
            folds.add(new Fold(s, new FoldTargets(y.selectRows(s.train())), y.selectRows(s.test())));
        }
        return new PreparedTarget(target, folds);
    }

    @Override
    public MetricScore score(Prepared prepared, DMatrix features) {
        PreparedTarget p = cast(prepared);
        if (features.rows() != p.target().presentations()) {
            throw new IllegalArgumentException("features have " + features.rows() + " rows but the target has "
                    + p.target().presentations() + " presentations");
        }
        double[][] raw = new double[p.folds().size()][];
        forEachFold(raw.length, f -> {
            Fold fold = p.folds().get(f);
            FoldSpectrum s = FoldSpectrum.ofFeatures(la, features.selectRows(fold.split().train()),
                    features.selectRows(fold.split().test()));
            raw[f] = correlate(regression.fit(la, s, fold.train()), fold.test());
        });
        return aggregate(raw);
    }

    /**
     * Scores a source given only as a linear kernel over all presentations (K = X·Xᵀ, n × n, uncentred)
     * with {@code featureCount} features: identical to {@link #score} on X, and how ceilings regress
     * a subject pool whose kernel is the sum of its members' kernels.
     */
    public MetricScore scoreKernel(Prepared prepared, DMatrix kernel, int featureCount) {
        PreparedTarget p = cast(prepared);
        double[][] raw = new double[p.folds().size()][];
        forEachFold(raw.length, f -> {
            Fold fold = p.folds().get(f);
            int[] train = fold.split().train();
            FoldSpectrum s = FoldSpectrum.ofKernel(la, kernel.select(train, train), kernel.select(fold.split().test(), train),
                    featureCount);
            raw[f] = correlate(regression.fit(la, s, fold.train()), fold.test());
        });
        return aggregate(raw);
    }

    /**
     * Runs the folds, which are independent: with several threads in the {@link ThreadPolicy}, on that
     * many workers, each with OpenBLAS's one thread (a fold's decomposition is too small for BLAS threads to
     * pay off: on AMD EPYC with 2 vCPUs, 2 BLAS threads gave Tuckute2024's 140 fits 4–10 % over 1);
     * each fold writes only its own row, so the result does not depend on the schedule.
     */
    private static void forEachFold(int folds, java.util.function.IntConsumer body) {
        org.brainalign.core.runtime.ThreadPolicy policy = org.brainalign.core.runtime.ThreadPolicy.current();
        int workers = Math.min(policy.threads(), folds);
        // Already inside parallel work (the ceiling's parallel pools): the folds run where they are.
        if (workers <= 1 || java.util.concurrent.ForkJoinTask.inForkJoinPool()) {
            for (int f = 0; f < folds; f++) {
                body.accept(f);
            }
            return;
        }
        java.util.concurrent.ForkJoinPool pool = new java.util.concurrent.ForkJoinPool(workers);
        try {
            pool.submit(() -> java.util.stream.IntStream.range(0, folds).parallel().forEach(body)).join();
        } finally {
            pool.shutdown();
        }
    }

    private double[] correlate(FoldFit fit, DMatrix test) {
        DMatrix pred = fit.predict(la);
        int m = test.rows();
        double[] r = new double[test.cols()];
        for (int j = 0; j < r.length; j++) {
            r[j] = Stats.pearsonEpsilon(pred.data(), j * m, test.data(), j * m, m);
        }
        return r;
    }

    /** Median over neuroids per split, mean over splits. */
    static MetricScore aggregate(double[][] raw) {
        double[] perSplit = new double[raw.length];
        for (int s = 0; s < raw.length; s++) {
            perSplit[s] = Stats.nanMedian(raw[s]);
        }
        return new MetricScore(Stats.nanMean(perSplit), raw, "");
    }

    private static PreparedTarget cast(Prepared p) {
        if (!(p instanceof PreparedTarget pt)) {
            throw new IllegalArgumentException("target was prepared by a different metric: " + p.getClass().getSimpleName());
        }
        return pt;
    }
}
