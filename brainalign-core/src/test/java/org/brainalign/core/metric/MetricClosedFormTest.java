package org.brainalign.core.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import org.brainalign.core.assembly.Assembly;
import org.brainalign.core.assembly.Coordinate;
import org.brainalign.core.linalg.DMatrix;
import org.brainalign.core.linalg.LinAlg;
import org.brainalign.core.score.Bootstrap;
import org.junit.jupiter.api.Test;

/** Closed-form cases: perfect predictors score 1, independent noise scores ≈ 0, invariances hold. */
class MetricClosedFormTest {
    private static final LinAlg LA = LinAlg.get();

    static Assembly assembly(DMatrix y, int groups) {
        int n = y.rows();
        String[] ids = new String[n];
        double[] story = new double[n];
        for (int i = 0; i < n; i++) {
            ids[i] = "s" + i;
            story[i] = i % groups;
        }
        String[] nid = new String[y.cols()];
        for (int j = 0; j < nid.length; j++) {
            nid[j] = "n" + j;
        }
        return new Assembly(y, List.of(new Coordinate.Text("stimulus_id", ids), new Coordinate.Numbers("story", story)),
                List.of(new Coordinate.Text("neuroid_id", nid)));
    }

    static DMatrix gaussian(int rows, int cols, long seed) {
        Random r = new Random(seed);
        DMatrix m = DMatrix.zeros(rows, cols);
        for (int i = 0; i < m.data().length; i++) {
            m.data()[i] = r.nextGaussian();
        }
        return m;
    }

    @Test
    void epsilonPearsonMatchesTheDefinition() {
        double[] x = {1, 2, 3, 4};
        double[] y = {2, 4, 6, 8.5};
        double r = Stats.pearson(x, y);
        assertThat(Stats.pearsonEpsilon(x, y)).isCloseTo(r, within(1e-8)).isLessThan(r);
        assertThat(Stats.pearson(new double[] {1, 1, 1}, new double[] {1, 2, 3})).isNaN();
        assertThat(Stats.spearman(new double[] {1, 2, 3, 4}, new double[] {10, 20, 30, 1000})).isEqualTo(1.0);
        assertThat(Stats.rank(new double[] {3, 1, 3, 2})).containsExactly(3.5, 1, 3.5, 2);
        assertThat(Stats.nanMedian(new double[] {Double.NaN, 3, 1, 2, 10})).isEqualTo(2.5);
        assertThat(Stats.nanPercentile(new double[] {1, 2, 3, 4, 5}, 25)).isEqualTo(2.0);
    }

    @Test
    void linearTargetsArePredictedPerfectlyByBothRegressions() {
        DMatrix x = gaussian(120, 8, 1);
        DMatrix w = gaussian(8, 30, 2);
        DMatrix y = LA.multiply(false, x, false, w);
        Assembly target = assembly(y, 12);
        for (CrossRegressedCorrelation m : List.of(CrossRegressedCorrelation.linearShuffle(),
                CrossRegressedCorrelation.ridgeGrouped(6, "story"))) {
            MetricScore s = m.score(m.prepare(target), x);
            assertThat(s.value()).as(m.id()).isCloseTo(1.0, within(1e-4));
            assertThat(s.splitByNeuroid()).hasNumberOfRows(m.id().startsWith("linear") ? 10 : 6);
        }
    }

    @Test
    void independentFeaturesScoreNearZero() {
        DMatrix y = gaussian(400, 40, 3);
        DMatrix x = gaussian(400, 20, 4);
        CrossRegressedCorrelation m = CrossRegressedCorrelation.ridgeGrouped(10, "story");
        MetricScore s = m.score(m.prepare(assembly(y, 40)), x);
        assertThat(s.value()).isBetween(-0.1, 0.1);
    }

    @Test
    void kernelPathEqualsFeaturePath() {
        DMatrix x = gaussian(90, 150, 5);
        DMatrix y = LA.multiply(false, x, false, gaussian(150, 12, 6));
        DMatrix noisy = y.copy();
        DMatrix noise = gaussian(90, 12, 7);
        for (int i = 0; i < noisy.data().length; i++) {
            noisy.data()[i] += 20 * noise.data()[i];
        }
        for (CrossRegressedCorrelation m : List.of(CrossRegressedCorrelation.linearShuffle(),
                CrossRegressedCorrelation.ridgeGrouped(5, "story"))) {
            CrossRegressedCorrelation.PreparedTarget p = m.prepare(assembly(noisy, 15));
            double[][] a = m.score(p, x).splitByNeuroid();
            double[][] b = m.scoreKernel(p, LA.gramRows(x), x.cols()).splitByNeuroid();
            for (int s = 0; s < a.length; s++) {
                // Both paths solve the same fold from differently rounded decompositions (of Xc·Xcᵀ built
                // from X, and of the algebraically centred kernel): predictions, hence each r, agree to a
                // few (n + p)·ε times the fold's condition number λmax/λmin, whatever the BLAS kernel.
                DMatrix train = x.selectRows(p.folds().get(s).split().train());
                double[] lambda = org.brainalign.core.regression.FoldSpectrum.ofFeatures(LA, train, null).lambda();
                double tol = 10 * (train.rows() + train.cols()) * Math.ulp(1.0) * lambda[0] / lambda[lambda.length - 1];
                assertThat(tol).as("the derived tolerance must be informative").isLessThan(1e-6);
                for (int j = 0; j < a[s].length; j++) {
                    assertThat(b[s][j]).as("split %d neuroid %d (tolerance %.1e)", s, j, tol).isCloseTo(a[s][j], within(tol));
                }
            }
        }
    }

    @Test
    void ckaAndRdmAreOneOnIdenticalRepresentationsAndInvariantAsDefined() {
        DMatrix x = gaussian(60, 10, 8);
        SubsetSimilarity cka = SubsetSimilarity.bsl(SubsetSimilarity.Kind.CKA);
        SubsetSimilarity rdm = SubsetSimilarity.bsl(SubsetSimilarity.Kind.RDM);
        assertThat(cka.cka(x, x)).isCloseTo(1.0, within(1e-12));
        DMatrix scaled = x.copy();
        for (int i = 0; i < scaled.data().length; i++) {
            scaled.data()[i] = 3 * scaled.data()[i] + 5;
        }
        assertThat(cka.cka(x, scaled)).isCloseTo(1.0, within(1e-12));
        assertThat(rdm.rdmSimilarity(x, scaled)).isCloseTo(1.0, within(1e-12));
        Assembly target = assembly(x, 6);
        assertThat(cka.score(cka.prepare(target), x).value()).isCloseTo(1.0, within(1e-12));
        assertThat(cka.score(cka.prepare(target), gaussian(60, 10, 9)).value()).isLessThan(0.5);
        DMatrix single = gaussian(60, 1, 10);
        MetricScore undefined = rdm.score(rdm.prepare(assembly(single, 6)), x);
        assertThat(undefined.value()).isNaN();
        assertThat(undefined.note()).contains("at least 2 neuroids");
    }

    @Test
    void bootstrapIntervalCoversTheScoreAndComparisonDetectsADifference() {
        DMatrix x = gaussian(200, 6, 11);
        DMatrix y = LA.multiply(false, x, false, gaussian(6, 300, 12));
        DMatrix noise = gaussian(200, 300, 13);
        for (int i = 0; i < y.data().length; i++) {
            y.data()[i] += 2 * noise.data()[i];
        }
        CrossRegressedCorrelation m = CrossRegressedCorrelation.linearShuffle();
        NeuralMetric.Prepared p = m.prepare(assembly(y, 20));
        MetricScore good = m.score(p, x);
        MetricScore bad = m.score(p, gaussian(200, 6, 14));
        var ci = Bootstrap.interval(good.splitByNeuroid(), 0);
        assertThat(ci.lower()).isLessThanOrEqualTo(good.value());
        assertThat(ci.upper()).isGreaterThanOrEqualTo(good.value());
        var cmp = Bootstrap.compare(good.splitByNeuroid(), bad.splitByNeuroid(), 0);
        assertThat(cmp.difference()).isGreaterThan(0.3);
        assertThat(cmp.pValue()).isLessThan(0.01);
        var same = Bootstrap.compare(good.splitByNeuroid(), good.splitByNeuroid(), 0);
        assertThat(same.pValue()).isEqualTo(1.0);
    }
}
