package org.brainalign.benchmarks.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.brainalign.benchmarks.RunOptions;
import org.brainalign.benchmarks.neural.FeatureExtractor;
import org.brainalign.benchmarks.neural.NeuralBenchmark;
import org.brainalign.benchmarks.neural.StimulusPlan;
import org.brainalign.core.linalg.DMatrix;
import org.brainalign.core.score.Score;
import org.brainalign.core.split.ShuffleSplit;
import org.brainalign.core.split.Split;

/**
 * The checks every neural benchmark's own test class runs on its simulated assembly (BSL keeps a
 * {@code test.py} beside each benchmark; these are the shared parts): a subject returning the hidden
 * features scores ≈ 1 normalised, the "exact" subject returning the recordings scores 1.0, the
 * recomputed ceiling brackets the simulated truth, and a seeded random subject's linear-shuffle score
 * equals the value computed here by a plain twin of BSL's {@code linear_pearsonr}.
 */
public final class NeuralChecks {
    /** The seeded random subject: 64 N(0, 1) units per presentation, seed 5. */
    public static final int RANDOM_UNITS = 64;
    public static final long RANDOM_SEED = 5;

    private NeuralChecks() {}

    /** Hidden features ≈ ceiling, exact = 1, random ≈ 0, and the recomputed ceiling's interval holds the truth. */
    public static void ceiledChecks(NeuralBenchmark b, Simulation.Result truth) {
        var calls = b.calls();
        int n = b.data().target().presentations();
        assertThat(b.data().target().neuroids()).isEqualTo(truth.rho().length);
        Score trueFeatures = b.score(SimulatedSubject.of("true-features", calls, truth.hidden()), RunOptions.defaults());
        Score exact = b.score(SimulatedSubject.of("exact", calls, b.data().target().values()), RunOptions.defaults());
        Score random = b.score(SimulatedSubject.random(calls, n, RANDOM_UNITS, RANDOM_SEED), RunOptions.defaults());
        var ceiling = trueFeatures.ceiling();
        assertThat(ceiling.source()).startsWith("extrapolation");
        assertThat(truth.trueCeiling()).as("truth %.4f vs ceiling %.4f [%.4f, %.4f]", truth.trueCeiling(), ceiling.value(),
                ceiling.lower(), ceiling.upper()).isBetween(ceiling.lower(), ceiling.upper());
        assertThat(trueFeatures.raw()).isCloseTo(truth.trueCeiling(), within(0.05));
        assertThat(trueFeatures.normalized()).isGreaterThanOrEqualTo(0.95);
        assertThat(exact.normalized()).isEqualTo(1.0);
        assertThat(random.normalized()).isLessThanOrEqualTo(0.1);
        assertThat(random.raw()).isBetween(-0.1, 0.1);
        assertThat(trueFeatures.layers().getFirst().rawInterval().known()).isTrue();
        assertThat(trueFeatures.layers().getFirst().rawInterval().lower()).isLessThanOrEqualTo(trueFeatures.raw());
    }

    /** The seeded random subject's features, aligned with the target's presentations. */
    public static DMatrix randomFeatures(NeuralBenchmark b) {
        List<StimulusPlan.Call> calls = b.calls();
        int n = b.data().target().presentations();
        Map<String, DMatrix> f = FeatureExtractor.extract(SimulatedSubject.random(calls, n, RANDOM_UNITS, RANDOM_SEED), calls, n,
                RunOptions.Progress.NONE);
        return f.values().iterator().next();
    }

    /** A linear-shuffle benchmark's score of the seeded random subject equals the plain twin's value. */
    public static void randomSubjectMatchesThePlainTwin(NeuralBenchmark linearShuffle) {
        DMatrix x = randomFeatures(linearShuffle);
        double expected = plainLinearPearsonr(x, linearShuffle.data().target().values());
        Score s = linearShuffle.score(SimulatedSubject.random(linearShuffle.calls(), x.rows(), RANDOM_UNITS, RANDOM_SEED),
                RunOptions.defaults());
        // Both solve the same well-conditioned 65-parameter least-squares problems (random N(0, 1) features,
        // hundreds of samples): agreement to 1e-9 leaves rounding a wide margin and no room for a wrong formula.
        assertThat(s.raw()).as("%s: seeded random subject", linearShuffle.id()).isCloseTo(expected, within(1e-9));
        assertThat(Math.abs(expected)).as("random features carry no signal").isLessThan(0.1);
    }

    /**
     * BSL's {@code linear_pearsonr} written out plainly: ShuffleSplit(10, train 0.9, seed 1); per split,
     * OLS with intercept through the normal equations on the centred train features (solved by Gaussian
     * elimination with partial pivoting), predictions on the test rows, the epsilon Pearson r per
     * neuroid, their median; then the mean over splits.
     */
    public static double plainLinearPearsonr(DMatrix x, DMatrix y) {
        int n = x.rows();
        int p = x.cols();
        List<Split> splits = ShuffleSplit.ofTrain(10, 0.9, 1).split(n, null);
        double total = 0;
        for (Split s : splits) {
            int[] tr = s.train();
            int[] te = s.test();
            double[] xm = new double[p];
            for (int i : tr) {
                for (int k = 0; k < p; k++) {
                    xm[k] += x.get(i, k) / tr.length;
                }
            }
            double[][] a = new double[p][p];
            for (int i : tr) {
                for (int k = 0; k < p; k++) {
                    double xk = x.get(i, k) - xm[k];
                    for (int l = 0; l < p; l++) {
                        a[k][l] += xk * (x.get(i, l) - xm[l]);
                    }
                }
            }
            int t = y.cols();
            double[] r = new double[t];
            for (int j = 0; j < t; j++) {
                double ym = 0;
                for (int i : tr) {
                    ym += y.get(i, j) / tr.length;
                }
                double[] rhs = new double[p];
                for (int i : tr) {
                    double yc = y.get(i, j) - ym;
                    for (int k = 0; k < p; k++) {
                        rhs[k] += (x.get(i, k) - xm[k]) * yc;
                    }
                }
                double[] beta = solve(a, rhs);
                double[] pred = new double[te.length];
                double[] truth = new double[te.length];
                for (int q = 0; q < te.length; q++) {
                    double v = ym;
                    for (int k = 0; k < p; k++) {
                        v += (x.get(te[q], k) - xm[k]) * beta[k];
                    }
                    pred[q] = v;
                    truth[q] = y.get(te[q], j);
                }
                r[j] = epsilonPearson(pred, truth);
            }
            total += median(r);
        }
        return total / splits.size();
    }

    private static double[] solve(double[][] a0, double[] b0) {
        int p = b0.length;
        double[][] a = new double[p][];
        for (int i = 0; i < p; i++) {
            a[i] = Arrays.copyOf(a0[i], p + 1);
            a[i][p] = b0[i];
        }
        for (int c = 0; c < p; c++) {
            int piv = c;
            for (int i = c + 1; i < p; i++) {
                if (Math.abs(a[i][c]) > Math.abs(a[piv][c])) {
                    piv = i;
                }
            }
            double[] tmp = a[c];
            a[c] = a[piv];
            a[piv] = tmp;
            for (int i = c + 1; i < p; i++) {
                double f = a[i][c] / a[c][c];
                for (int k = c; k <= p; k++) {
                    a[i][k] -= f * a[c][k];
                }
            }
        }
        double[] out = new double[p];
        for (int i = p - 1; i >= 0; i--) {
            double v = a[i][p];
            for (int k = i + 1; k < p; k++) {
                v -= a[i][k] * out[k];
            }
            out[i] = v / a[i][i];
        }
        return out;
    }

    private static double epsilonPearson(double[] a, double[] b) {
        double am = Arrays.stream(a).average().orElseThrow();
        double bm = Arrays.stream(b).average().orElseThrow();
        double an = 0;
        double bn = 0;
        for (int i = 0; i < a.length; i++) {
            an += (a[i] - am) * (a[i] - am);
            bn += (b[i] - bm) * (b[i] - bm);
        }
        an = Math.sqrt(an) + 1e-8;
        bn = Math.sqrt(bn) + 1e-8;
        double r = 0;
        for (int i = 0; i < a.length; i++) {
            r += (a[i] - am) / an * ((b[i] - bm) / bn);
        }
        return r;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int m = s.length / 2;
        return s.length % 2 == 1 ? s[m] : (s[m - 1] + s[m]) / 2;
    }
}
