package org.brainalign.core.regression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.google.gson.JsonObject;
import java.util.Random;
import org.brainalign.core.ReferenceVectors;
import org.brainalign.core.linalg.DMatrix;
import org.brainalign.core.linalg.LinAlg;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import java.util.stream.Stream;

/**
 * OLS and ridge-GCV against scikit-learn's {@code LinearRegression} and {@code RidgeCV} on the
 * reference vectors (n &lt; p and n &gt; p), on both the native and the pure-Java backend.
 */
class RegressionReferenceTest {

    static Stream<Arguments> cases() {
        return Stream.of("ridge_gcv_n_lt_p", "ridge_gcv_n_gt_p").flatMap(c ->
                Stream.of(Arguments.of(c, "native"), Arguments.of(c, "java")));
    }

    private static LinAlg backend(String name) {
        return name.equals("java") ? LinAlg.pureJava() : LinAlg.nativeBackend();
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("cases")
    void ridgeAndOlsMatchSklearn(String name, String backend) {
        LinAlg la = backend(backend);
        JsonObject c = ReferenceVectors.root().getAsJsonObject(name);
        DMatrix x = ReferenceVectors.matrix(c.get("X"));
        DMatrix y = ReferenceVectors.matrix(c.get("Y"));
        double[] alphas = ReferenceVectors.doubles(c.get("alphas"));
        FoldSpectrum s = FoldSpectrum.ofFeatures(la, x, null);
        FoldTargets t = new FoldTargets(y);

        FoldFit ridge = new RidgeGcv(alphas, false).fit(la, s, t);
        double alpha = c.get("chosen_alpha").getAsDouble();
        assertThat(ridge.alphas()).containsOnly(alpha);
        double[] lambda = s.lambda();
        // Two backward-stable solvers of the same problem (ours: eigen-decomposition of the Gram;
        // scikit-learn's: its own LAPACK path) differ by at most a few (n + p)·ε times the condition
        // number of the system each solves: (λmax + α)/(λmin + α) for ridge, λmax/λmin for OLS on the
        // kept spectrum. Derived per case, so another BLAS kernel cannot break it and a wrong formula can.
        double dims = x.rows() + x.cols();
        double ridgeTol = 10 * dims * Math.ulp(1.0) * (lambda[0] + alpha) / (lambda[lambda.length - 1] + alpha);
        double olsTol = 10 * dims * Math.ulp(1.0) * lambda[0] / lambda[lambda.length - 1];
        assertThat(Math.max(ridgeTol, olsTol)).as("the derived tolerance must be informative").isLessThan(1e-5);
        assertClose(ridge.coef(la), ReferenceVectors.matrix(c.get("coef")), ridgeTol);
        assertClose(ridge.intercept(la), ReferenceVectors.doubles(c.get("intercept")), ridgeTol);

        FoldFit ols = new Ols().fit(la, s, t);
        assertClose(ols.coef(la), ReferenceVectors.matrix(c.get("ols_coef")), olsTol);
        assertClose(ols.intercept(la), ReferenceVectors.doubles(c.get("ols_intercept")), olsTol);
    }

    /** The reference coef is sklearn's coef_ (targets × features); ours is features × targets. */
    private static void assertClose(DMatrix ours, DMatrix ref, double relTol) {
        double scale = 0;
        for (double v : ref.data()) {
            scale = Math.max(scale, Math.abs(v));
        }
        assertThat(ours.rows()).isEqualTo(ref.cols());
        for (int i = 0; i < ref.rows(); i++) {
            for (int j = 0; j < ref.cols(); j++) {
                assertThat(ours.get(j, i)).as("coef[%d][%d]", i, j).isCloseTo(ref.get(i, j), within(relTol * scale));
            }
        }
    }

    private static void assertClose(double[] ours, double[] ref, double relTol) {
        double scale = 0;
        for (double v : ref) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int i = 0; i < ref.length; i++) {
            assertThat(ours[i]).as("intercept[%d]", i).isCloseTo(ref[i], within(relTol * Math.max(1, scale)));
        }
    }

    /**
     * The Gram and direct leave-one-out paths compute the same quantity from the same spectrum by
     * different float64 operation orders, so they agree only up to their rounding errors, whose size
     * depends on the conditioning of this fold — not on a fixed number. The bound is derived term by
     * term: with δ = (n + r)·ε (the longest accumulation), per sample j the LOO error is ‖c<sub>j</sub>‖²/g<sub>j</sub>²
     * where g<sub>j</sub> = Σ u²f + b(1 − uu<sub>j</sub> − 1/n) and c<sub>j</sub> = (U·diag(f)·Z + b·R)<sub>j</sub>. Their relative
     * rounding errors are at most δ·κ<sub>g,j</sub> and δ·κ<sub>c,j</sub> with κ the ratio of the summed magnitudes to
     * the result. The direct path's squared ratio errs by 2δκ<sub>g</sub> + 2δκ<sub>c</sub>; the Gram path forms
     * ‖c<sub>j</sub>‖² from Y·Yᵀ: when features outnumber samples it projects onto the kernel's complement
     * (no cancellation, the same 2δκ<sub>c</sub>), otherwise it subtracts the fitted part's square from
     * ‖y<sub>j</sub>‖², so its numerator errs by δκ<sub>c</sub>² instead. The LOO error is a mean of positive
     * terms, so its relative error is at most the term-weighted mean of the terms' relative errors; the
     * two paths may differ by the sum of both paths' bounds.
     * Every alpha of BSL's grid is checked; the bound also has to be meaningful (well below 1).
     */
    @ParameterizedTest(name = "n={0} p={1} t={2}")
    @MethodSource("shapes")
    void gramAndDirectLooErrorsAgree(int n, int p, int t) {
        LinAlg la = LinAlg.get();
        Random rnd = new Random(7);
        DMatrix x = DMatrix.zeros(n, p);
        DMatrix y = DMatrix.zeros(n, t);
        for (int i = 0; i < x.data().length; i++) {
            x.data()[i] = rnd.nextGaussian();
        }
        for (int i = 0; i < y.data().length; i++) {
            y.data()[i] = rnd.nextGaussian() + 0.3 * x.data()[i % x.data().length];
        }
        FoldSpectrum s = FoldSpectrum.ofFeatures(la, x, null);
        FoldTargets ft = new FoldTargets(y);
        RidgeGcv ridge = RidgeGcv.bsl();
        double[] gram = ridge.looErrorsGram(la, s, ft);
        double[][] direct = ridge.looErrorsDirect(la, s, ft);
        double[] alphas = ridge.alphas();
        for (int a = 0; a < gram.length; a++) {
            double bound = looRoundingBound(la, s, ft, alphas[a]);
            assertThat(bound).as("alpha %s: the derived bound must be informative", alphas[a]).isLessThan(1e-3);
            assertThat(gram[a]).as("alpha %s (relative bound %.2e)", alphas[a], bound)
                    .isCloseTo(direct[a][0], within(bound * direct[a][0]));
        }
    }

    /** The relative bound on |gram − direct| / direct derived in {@link #gramAndDirectLooErrorsAgree}. */
    private static double looRoundingBound(LinAlg la, FoldSpectrum s, FoldTargets ft, double alpha) {
        int n = s.trainSize();
        int r = s.rank();
        double delta = (n + r) * Math.ulp(1.0);
        double b = 1.0 / alpha;
        DMatrix u = s.u();
        double[] lambda = s.lambda();
        DMatrix yc = ft.centered();
        int t = yc.cols();
        DMatrix z = la.multiply(true, u, false, yc); // r × t
        DMatrix uz = la.multiply(false, u, false, z); // n × t : the fitted part
        DMatrix fz = z.copy();
        for (int i = 0; i < r; i++) {
            double f = 1.0 / (lambda[i] + alpha);
            for (int k = 0; k < t; k++) {
                fz.set(i, k, fz.get(i, k) * f);
            }
        }
        DMatrix ufz = la.multiply(false, u, false, fz); // n × t
        boolean projected = s.complement() != null;
        double weighted = 0;
        double total = 0;
        for (int j = 0; j < n; j++) {
            double diag = 0;
            double uu = 0;
            for (int i = 0; i < r; i++) {
                diag += u.get(j, i) * u.get(j, i) / (lambda[i] + alpha);
                uu += u.get(j, i) * u.get(j, i);
            }
            double g = diag + b * (1 - uu - 1.0 / n);
            double kappaG = (diag + b * (1 + uu + 1.0 / n)) / Math.abs(g);
            double cNorm = 0;
            double fitted = 0;
            double data = 0;
            double smooth = 0;
            for (int k = 0; k < t; k++) {
                double c = ufz.get(j, k) + b * (yc.get(j, k) - uz.get(j, k));
                cNorm += c * c;
                smooth += ufz.get(j, k) * ufz.get(j, k);
                data += yc.get(j, k) * yc.get(j, k);
                fitted += uz.get(j, k) * uz.get(j, k);
            }
            double kappaC = (Math.sqrt(smooth) + b * (Math.sqrt(data) + Math.sqrt(fitted))) / Math.sqrt(cNorm);
            double direct = 2 * delta * kappaG + 2 * delta * kappaC;
            double viaGram = 2 * delta * kappaG + (projected ? 2 * delta * kappaC : delta * kappaC * kappaC);
            double term = cNorm / (g * g);
            weighted += term * (direct + viaGram);
            total += term;
        }
        return weighted / total;
    }

    static Stream<Arguments> shapes() {
        return Stream.of(Arguments.of(40, 90, 200), Arguments.of(120, 30, 300), Arguments.of(50, 50, 7));
    }
}
