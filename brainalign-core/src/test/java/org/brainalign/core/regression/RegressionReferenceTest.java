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
        assertThat(ridge.alphas()).containsOnly(c.get("chosen_alpha").getAsDouble());
        assertClose(ridge.coef(la), ReferenceVectors.matrix(c.get("coef")), true);
        assertClose(ridge.intercept(la), ReferenceVectors.doubles(c.get("intercept")));

        FoldFit ols = new Ols().fit(la, s, t);
        assertClose(ols.coef(la), ReferenceVectors.matrix(c.get("ols_coef")), true);
        assertClose(ols.intercept(la), ReferenceVectors.doubles(c.get("ols_intercept")));
    }

    /** The reference coef is sklearn's coef_ (targets × features); ours is features × targets. */
    private static void assertClose(DMatrix ours, DMatrix ref, boolean transposed) {
        double scale = 0;
        for (double v : ref.data()) {
            scale = Math.max(scale, Math.abs(v));
        }
        assertThat(ours.rows()).isEqualTo(ref.cols());
        for (int i = 0; i < ref.rows(); i++) {
            for (int j = 0; j < ref.cols(); j++) {
                assertThat(ours.get(j, i)).as("coef[%d][%d]", i, j).isCloseTo(ref.get(i, j), within(1e-8 * scale));
            }
        }
    }

    private static void assertClose(double[] ours, double[] ref) {
        for (int i = 0; i < ref.length; i++) {
            assertThat(ours[i]).as("intercept[%d]", i).isCloseTo(ref[i], within(1e-8 * Math.max(1, Math.abs(ref[i]))));
        }
    }

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
        for (int a = 0; a < gram.length; a++) {
            assertThat(gram[a]).isCloseTo(direct[a][0], within(1e-9 * direct[a][0]));
        }
    }

    static Stream<Arguments> shapes() {
        return Stream.of(Arguments.of(40, 90, 200), Arguments.of(120, 30, 300), Arguments.of(50, 50, 7));
    }
}
