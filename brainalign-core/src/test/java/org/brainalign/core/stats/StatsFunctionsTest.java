package org.brainalign.core.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Special functions, the t-distribution, Welch's test and BH-FDR against closed forms. */
class StatsFunctionsTest {

    @Test
    void logGammaMatchesFactorialsAndHalfIntegers() {
        assertThat(SpecialFunctions.logGamma(1)).isCloseTo(0, within(1e-14));
        assertThat(SpecialFunctions.logGamma(5)).isCloseTo(Math.log(24), within(1e-13));
        assertThat(SpecialFunctions.logGamma(0.5)).isCloseTo(0.5 * Math.log(Math.PI), within(1e-13));
        // Γ(10.5) = 19!! / 2^10 · √π = 654729075 / 1024 · √π
        assertThat(SpecialFunctions.logGamma(10.5)).isCloseTo(Math.log(654729075.0 / 1024 * Math.sqrt(Math.PI)), within(1e-12));
        assertThat(SpecialFunctions.logGamma(0.1)).isCloseTo(Math.log(9.513507698668732), within(1e-12));
    }

    @Test
    void regularizedBetaMatchesClosedForms() {
        for (double x : new double[] {0.01, 0.2, 0.5, 0.77, 0.999}) {
            assertThat(SpecialFunctions.regularizedBeta(x, 1, 1)).isCloseTo(x, within(1e-13));
            assertThat(SpecialFunctions.regularizedBeta(x, 3.5, 1)).isCloseTo(Math.pow(x, 3.5), within(1e-13));
            assertThat(SpecialFunctions.regularizedBeta(x, 1, 2.5)).isCloseTo(1 - Math.pow(1 - x, 2.5), within(1e-13));
            assertThat(SpecialFunctions.regularizedBeta(x, 2, 2)).isCloseTo(3 * x * x - 2 * x * x * x, within(1e-13));
            // I_x(1/2, 1/2) = (2/π) asin(√x)
            assertThat(SpecialFunctions.regularizedBeta(x, 0.5, 0.5)).isCloseTo(2 / Math.PI * Math.asin(Math.sqrt(x)),
                    within(1e-12));
        }
        assertThatThrownBy(() -> SpecialFunctions.regularizedBeta(1.5, 1, 1)).hasMessageContaining("0 ≤ x ≤ 1");
    }

    @Test
    void studentTMatchesClosedFormsForOneTwoThreeAndFourDegrees() {
        for (double t : new double[] {-7.1, -2.2, -0.3, 0, 0.45, 1.96, 12.5}) {
            double a = Math.abs(t);
            assertThat(StudentT.twoSidedP(t, 1)).isCloseTo(1 - 2 / Math.PI * Math.atan(a), within(1e-13));
            assertThat(StudentT.twoSidedP(t, 2)).isCloseTo(1 - a / Math.sqrt(2 + t * t), within(1e-13));
            double u = a / Math.sqrt(3);
            double cdf3 = 0.5 + (u / (1 + u * u) + Math.atan(u)) / Math.PI;
            assertThat(StudentT.twoSidedP(t, 3)).isCloseTo(2 * (1 - cdf3), within(1e-13));
            double s = a / Math.sqrt(4 + t * t);
            double cdf4 = 0.5 + 0.5 * s * (1.5 - 0.5 * s * s);
            assertThat(StudentT.twoSidedP(t, 4)).isCloseTo(2 * (1 - cdf4), within(1e-13));
            assertThat(StudentT.cdf(t, 4)).isCloseTo(t >= 0 ? cdf4 : 1 - cdf4, within(1e-13));
        }
        // large ν approaches the normal: P(|Z| ≥ 1.959963984540054) = 0.05
        assertThat(StudentT.twoSidedP(1.959963984540054, 1e7)).isCloseTo(0.05, within(1e-7));
    }

    @Test
    void welchTestOnEqualVariancesGivesThePooledTAndTwiceNMinusTwoDegrees() {
        double[][] a = {{1, 10}, {2, 10}, {3, 10}};
        double[][] b = {{4, 10}, {5, 10}, {6, 10}};
        WelchTest w = WelchTest.of(a, b);
        assertThat(w.t()[0]).isCloseTo(-3 / Math.sqrt(2.0 / 3), within(1e-12));
        assertThat(w.df()[0]).isCloseTo(4, within(1e-12));
        double s = Math.abs(w.t()[0]) / Math.sqrt(4 + w.t()[0] * w.t()[0]);
        assertThat(w.p()[0]).isCloseTo(2 * (1 - (0.5 + 0.5 * s * (1.5 - 0.5 * s * s))), within(1e-12));
        assertThat(w.t()[1]).as("constant unit").isNaN();
        assertThat(w.p()[1]).isNaN();
        // unequal variances: var_a = 1 (n 3), var_b = 16 (n 2) → se² = 1/3 + 8, df = se⁴ / ((1/3)²/2 + 8²/1)
        WelchTest u = WelchTest.of(new double[][] {{1}, {2}, {3}}, new double[][] {{0}, {4 * Math.sqrt(2)}});
        double se2 = 1.0 / 3 + 8;
        assertThat(u.t()[0]).isCloseTo((2 - 2 * Math.sqrt(2)) / Math.sqrt(se2), within(1e-12));
        assertThat(u.df()[0]).isCloseTo(se2 * se2 / (1.0 / 9 / 2 + 64), within(1e-12));
        assertThatThrownBy(() -> WelchTest.of(new double[][] {{1}}, b)).hasMessageContaining("at least 2");
    }

    @Test
    void benjaminiHochbergAdjustsByRankAndKeepsMonotonicity() {
        double[] p = {0.01, 0.04, 0.03, Double.NaN, 0.5};
        double[] q = FalseDiscovery.benjaminiHochberg(p);
        // m = 4 (NaN left out); sorted 0.01, 0.03, 0.04, 0.5 → 0.04, 0.06, 0.0533, 0.5 → cumulative min from the top
        assertThat(q[0]).isCloseTo(0.04, within(1e-15));
        assertThat(q[2]).isCloseTo(0.04 * 4 / 3, within(1e-15));
        assertThat(q[1]).isCloseTo(0.04 * 4 / 3, within(1e-15));
        assertThat(q[3]).isNaN();
        assertThat(q[4]).isCloseTo(0.5, within(1e-15));
        assertThat(FalseDiscovery.benjaminiHochberg(new double[] {0.9, 0.95})).containsExactly(0.95, 0.95);
        assertThatThrownBy(() -> FalseDiscovery.benjaminiHochberg(new double[] {1.2})).hasMessageContaining("outside [0, 1]");
    }
}
