package org.brainalign.benchmarks.drivesuppress;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.brainalign.core.linalg.DMatrix;
import org.brainalign.core.linalg.LinAlg;
import org.brainalign.core.metric.Stats;
import org.brainalign.core.regression.FoldFit;
import org.brainalign.core.regression.FoldSpectrum;
import org.brainalign.core.regression.FoldTargets;
import org.brainalign.core.regression.RidgeGcv;
import org.brainalign.core.score.Interval;
import org.brainalign.core.split.KFold;
import org.brainalign.core.split.Split;

/**
 * The encoding model of Tuckute et al. 2024 ({@code fit_mapping.py}): scikit-learn's
 * {@code RidgeCV(alphas=10^-30…10^29, alpha_per_target=True)} (efficient leave-one-out over the
 * training sentences picks each target's penalty), scored by {@code KFold(5, shuffle=True,
 * random_state=0)} as Pearson r per target on each held-out fold, then the mean over folds. The
 * interval resamples each fold's held-out sentences with replacement ({@value #BOOTSTRAP} times,
 * seeded) and takes the 2.5th and 97.5th percentiles of the same mean-over-folds statistic.
 */
public final class RidgeEncoding {
    /** The paper's penalties: 10<sup>k</sup> for k = −30 … 29, as the nearest doubles to the decimal powers. */
    public static final double[] ALPHAS = alphas();
    /** Folds of the cross-validation. */
    public static final int FOLDS = 5;
    /** {@code random_state} of the KFold shuffle. */
    public static final long SEED = 0;
    /** Bootstrap resamples of the interval. */
    public static final int BOOTSTRAP = 1000;

    private RidgeEncoding() {}

    private static double[] alphas() {
        double[] a = new double[60];
        for (int k = -30; k < 30; k++) {
            a[k + 30] = Double.parseDouble("1e" + k);
        }
        return a;
    }

    /**
     * Cross-validated r.
     *
     * @param r per target, the mean over folds of the held-out Pearson r
     * @param foldR {@code folds × targets}
     * @param interval per target, the bootstrap 95 % interval of {@code r}
     * @param heldOut every sentence's prediction from the fold that held it out ({@code n × targets})
     * @param alphas {@code folds × targets}, the penalty each fold chose
     */
    public record CrossValidation(double[] r, double[][] foldR, Interval[] interval, DMatrix heldOut, double[][] alphas) {}

    /** The 5 folds over {@code n} sentences, exactly scikit-learn's {@code KFold(5, shuffle=True, random_state=0)}. */
    public static List<Split> folds(int n) {
        return new KFold(FOLDS, true, SEED).split(n, null);
    }

    /** Cross-validates ridge from {@code x} ({@code n × features}) to {@code y} ({@code n × targets}). */
    public static CrossValidation crossValidate(LinAlg la, DMatrix x, DMatrix y) {
        requireRows(x, y);
        List<Split> folds = folds(x.rows());
        int t = y.cols();
        double[][] foldR = new double[folds.size()][];
        double[][] alphas = new double[folds.size()][];
        DMatrix heldOut = DMatrix.zeros(x.rows(), t);
        for (int f = 0; f < folds.size(); f++) {
            Split s = folds.get(f);
            FoldSpectrum spectrum = FoldSpectrum.ofFeatures(la, x.selectRows(s.train()), x.selectRows(s.test()));
            FoldFit fit = new RidgeGcv(ALPHAS, true).fit(la, spectrum, new FoldTargets(y.selectRows(s.train())));
            DMatrix p = fit.predict(la);
            alphas[f] = fit.alphas();
            int[] test = s.test();
            for (int i = 0; i < test.length; i++) {
                for (int k = 0; k < t; k++) {
                    heldOut.set(test[i], k, p.get(i, k));
                }
            }
            foldR[f] = new double[t];
            for (int k = 0; k < t; k++) {
                foldR[f][k] = Stats.pearson(p.column(k), y.selectRows(test).column(k));
            }
        }
        double[] r = new double[t];
        Interval[] interval = new Interval[t];
        for (int k = 0; k < t; k++) {
            double sum = 0;
            for (double[] fr : foldR) {
                sum += fr[k];
            }
            r[k] = sum / folds.size();
            interval[k] = bootstrap(folds, heldOut.column(k), y.column(k));
        }
        return new CrossValidation(r, foldR, interval, heldOut, alphas);
    }

    /** Percentile interval of the mean-over-folds r, resampling sentences within each fold. */
    static Interval bootstrap(List<Split> folds, double[] predicted, double[] measured) {
        SplittableRandom random = new SplittableRandom(SEED);
        double[] stats = new double[BOOTSTRAP];
        for (int b = 0; b < BOOTSTRAP; b++) {
            double sum = 0;
            for (Split s : folds) {
                int[] test = s.test();
                double[] p = new double[test.length];
                double[] m = new double[test.length];
                for (int i = 0; i < test.length; i++) {
                    int j = test[random.nextInt(test.length)];
                    p[i] = predicted[j];
                    m[i] = measured[j];
                }
                sum += Stats.pearson(p, m);
            }
            stats[b] = sum / folds.size();
        }
        return new Interval(Stats.nanPercentile(stats, 2.5), Stats.nanPercentile(stats, 97.5));
    }

    /** Ridge fitted on all of {@code x}, {@code y}, penalties chosen per target by leave-one-out over all rows. */
    public static Readout fit(LinAlg la, DMatrix x, DMatrix y) {
        requireRows(x, y);
        FoldSpectrum spectrum = FoldSpectrum.ofFeatures(la, x, null);
        FoldFit fit = new RidgeGcv(ALPHAS, true).fit(la, spectrum, new FoldTargets(y));
        return new Readout(x.columnMeans(), fit.coef(la), fit.intercept(la), fit.alphas());
    }

    private static void requireRows(DMatrix x, DMatrix y) {
        if (x.rows() != y.rows()) {
            throw new IllegalArgumentException("features have " + x.rows() + " rows but responses " + y.rows());
        }
        if (x.rows() < 2 * FOLDS) {
            throw new IllegalArgumentException("an encoding model needs at least " + 2 * FOLDS + " sentences, got " + x.rows());
        }
    }

    /** Mean and sample standard deviation (ddof 1). */
    public static double[] meanSd(double[] v) {
        double mean = Arrays.stream(v).average().orElse(Double.NaN);
        double ss = 0;
        for (double x : v) {
            ss += (x - mean) * (x - mean);
        }
        return new double[] {mean, Math.sqrt(ss / (v.length - 1))};
    }
}
