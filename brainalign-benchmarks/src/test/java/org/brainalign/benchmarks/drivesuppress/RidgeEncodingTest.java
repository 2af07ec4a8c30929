package org.brainalign.benchmarks.drivesuppress;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.brainalign.core.linalg.DMatrix;
import org.brainalign.core.linalg.LinAlg;
import org.brainalign.core.split.Split;
import org.junit.jupiter.api.Test;

/** The paper's alpha grid, its KFold, and the leave-one-out choice of alpha against a brute-force reference. */
class RidgeEncodingTest {

    @Test
    void alphaGridIsTenToTheMinus30Through29() {
        assertThat(RidgeEncoding.ALPHAS).hasSize(60);
        for (int k = -30; k < 30; k++) {
            assertThat(RidgeEncoding.ALPHAS[k + 30]).isEqualTo(Double.parseDouble("1e" + k));
        }
    }

    /** scikit-learn's KFold(5, shuffle=True, random_state=0) test indices, from the reference vectors. */
    @Test
    void foldsAreScikitLearnsShuffledKFoldWithSeedZero() throws Exception {
        Path file = org.brainalign.core.testing.Shared.require(org.brainalign.core.testing.Shared.Part.REFERENCE,
                "vectors/numpy-sklearn-scipy.json");
        JsonObject cases = JsonParser.parseString(Files.readString(file)).getAsJsonObject().getAsJsonObject("KFold5_shuffle_test");
        for (int n : new int[] {243, 384}) {
            JsonArray expected = cases.getAsJsonArray("n=" + n + ",seed=0");
            List<Split> folds = RidgeEncoding.folds(n);
            assertThat(folds).hasSize(expected.size());
            for (int f = 0; f < folds.size(); f++) {
                int[] want = expected.get(f).getAsJsonArray().asList().stream().mapToInt(e -> e.getAsInt()).toArray();
                assertThat(folds.get(f).test()).as("n=%d fold %d", n, f).containsExactly(want);
            }
        }
    }

    /**
     * The alpha chosen on the wide grid equals the one with the lowest mean squared leave-one-out error
     * computed the slow way: for every alpha and every left-out row, a ridge fit (intercept unpenalised)
     * on the other rows by the normal equations.
     */
    @Test
    void chosenAlphaMinimisesTheBruteForceLeaveOneOutError() {
        SplittableRandom random = new SplittableRandom(5);
        int n = 40;
        int p = 6;
        double[][] rows = new double[n][p];
        DMatrix y = DMatrix.zeros(n, 2);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                rows[i][j] = random.nextGaussian();
            }
            y.set(i, 0, rows[i][0] - 0.5 * rows[i][1] + 2.0 * random.nextGaussian());
            y.set(i, 1, 0.1 * rows[i][2] + 0.2 * random.nextGaussian());
        }
        DMatrix x = DMatrix.ofRows(rows);
        Readout fit = RidgeEncoding.fit(LinAlg.get(), x, y);
        for (int k = 0; k < 2; k++) {
            int best = -1;
            double bestError = Double.POSITIVE_INFINITY;
            for (int a = 0; a < RidgeEncoding.ALPHAS.length; a++) {
                double error = looError(rows, y.column(k), RidgeEncoding.ALPHAS[a]);
                if (error < bestError * (1 - 1e-9)) {
                    bestError = error;
                    best = a;
                }
            }
            double chosen = fit.alphas()[k];
            double chosenError = looError(rows, y.column(k), chosen);
            // ties within rounding (tiny alphas all give the OLS error) may pick any of the tied alphas
            assertThat(chosenError).as("target %d: alpha %s vs brute-force %s", k, chosen, RidgeEncoding.ALPHAS[best])
                    .isCloseTo(bestError, org.assertj.core.data.Percentage.withPercentage(1e-6));
        }
        assertThat(fit.alphas()[0]).isNotEqualTo(fit.alphas()[1]); // per-target choice
    }

    private static double looError(double[][] x, double[] y, double alpha) {
        int n = x.length;
        double sum = 0;
        for (int out = 0; out < n; out++) {
            int m = n - 1;
            int p = x[0].length;
            double[] mean = new double[p];
            double ym = 0;
            for (int i = 0; i < n; i++) {
                if (i == out) {
                    continue;
                }
                for (int j = 0; j < p; j++) {
                    mean[j] += x[i][j] / m;
                }
                ym += y[i] / m;
            }
            double[][] a = new double[p][p + 1];
            for (int i = 0; i < n; i++) {
                if (i == out) {
                    continue;
                }
                for (int j = 0; j < p; j++) {
                    for (int l = 0; l < p; l++) {
                        a[j][l] += (x[i][j] - mean[j]) * (x[i][l] - mean[l]);
                    }
                    a[j][p] += (x[i][j] - mean[j]) * (y[i] - ym);
                }
            }
            for (int j = 0; j < p; j++) {
                a[j][j] += alpha;
            }
            double[] w = solve(a);
            double pred = ym;
            for (int j = 0; j < p; j++) {
                pred += (x[out][j] - mean[j]) * w[j];
            }
            sum += (y[out] - pred) * (y[out] - pred);
        }
        return sum / n;
    }

    /** Gaussian elimination with partial pivoting on an augmented p × (p + 1) system. */
    private static double[] solve(double[][] a) {
        int p = a.length;
        for (int c = 0; c < p; c++) {
            int piv = c;
            for (int r = c + 1; r < p; r++) {
                if (Math.abs(a[r][c]) > Math.abs(a[piv][c])) {
                    piv = r;
                }
            }
            double[] t = a[c];
            a[c] = a[piv];
            a[piv] = t;
            for (int r = c + 1; r < p; r++) {
                double f = a[r][c] / a[c][c];
                for (int k = c; k <= p; k++) {
                    a[r][k] -= f * a[c][k];
                }
            }
        }
        double[] w = new double[p];
        for (int r = p - 1; r >= 0; r--) {
            double s = a[r][p];
            for (int k = r + 1; k < p; k++) {
                s -= a[r][k] * w[k];
            }
            w[r] = s / a[r][r];
        }
        return w;
    }

    /** The cross-validated r is the mean over folds of each fold's held-out Pearson r. */
    @Test
    void crossValidatedRIsTheMeanOfTheFoldsHeldOutR() {
        SplittableRandom random = new SplittableRandom(9);
        int n = 100;
        double[][] rows = new double[n][3];
        DMatrix y = DMatrix.zeros(n, 1);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 3; j++) {
                rows[i][j] = random.nextGaussian();
            }
            y.set(i, 0, rows[i][0] + random.nextGaussian());
        }
        DMatrix x = DMatrix.ofRows(rows);
        RidgeEncoding.CrossValidation cv = RidgeEncoding.crossValidate(LinAlg.get(), x, y);
        double sum = 0;
        for (Split s : RidgeEncoding.folds(n)) {
            Readout fold = RidgeEncoding.fit(LinAlg.get(), x.selectRows(s.train()), y.selectRows(s.train()));
            sum += org.brainalign.core.metric.Stats.pearson(fold.predict(x.selectRows(s.test()), 0), y.selectRows(s.test()).column(0));
        }
        assertThat(cv.r()[0]).isCloseTo(sum / 5, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(cv.interval()[0].lower()).isLessThan(cv.r()[0]);
        assertThat(cv.interval()[0].upper()).isGreaterThan(cv.r()[0]);
    }
}
