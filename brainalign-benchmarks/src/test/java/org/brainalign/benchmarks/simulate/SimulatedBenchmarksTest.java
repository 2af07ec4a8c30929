package org.brainalign.benchmarks.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.Stream;
import org.brainalign.benchmarks.DataSource;
import org.brainalign.benchmarks.RunOptions;
import org.brainalign.benchmarks.blank2014.Blank2014;
import org.brainalign.benchmarks.fedorenko2016.Fedorenko2016;
import org.brainalign.benchmarks.neural.MetricChoice.Kind;
import org.brainalign.benchmarks.neural.NeuralBenchmark;
import org.brainalign.benchmarks.pereira2018.Pereira2018;
import org.brainalign.benchmarks.tuckute2024.Tuckute2024;
import org.brainalign.core.score.Score;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every neural benchmark proven on its simulated assembly (real stimulus structure, neuroids =
 * known readouts of hidden features + noise of known reliability): a subject that returns the hidden
 * features scores ≈ 1 normalised, the "exact" subject that returns the recordings scores 1.0,
 * random features score ≈ 0, and the recomputed ceiling brackets the simulated truth (median ρ).
 */
class SimulatedBenchmarksTest {
    private static final DataSource SIM = DataSource.simulatedData();

    record Case(NeuralBenchmark benchmark, Simulation.Result truth) {
        @Override
        public String toString() {
            return benchmark.id();
        }
    }

    static Stream<Arguments> ceiledFast() {
        return Stream.of(
                Arguments.of(new Case(Fedorenko2016.benchmark(Kind.LINEAR_SHUFFLE, SIM), Fedorenko2016.simulated())),
                Arguments.of(new Case(Fedorenko2016.benchmark(Kind.RIDGE, SIM), Fedorenko2016.simulated())),
                Arguments.of(new Case(Blank2014.benchmark(Kind.LINEAR_SHUFFLE, SIM), Blank2014.simulated())),
                Arguments.of(new Case(Blank2014.benchmark(Kind.RIDGE, SIM), Blank2014.simulated())));
    }

    static Stream<Arguments> ceiledSlow() {
        return Stream.of(
                Arguments.of(new Case(Pereira2018.benchmark(Pereira2018.Experiment.E384, Kind.RIDGE, SIM),
                        Pereira2018.simulated(Pereira2018.Experiment.E384))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ceiledFast")
    void ceiledBenchmarkPassesTheSimulationChecks(Case c) {
        check(c);
    }

    @Tag("slow")
    @ParameterizedTest(name = "{0}")
    @MethodSource("ceiledSlow")
    void largeCeiledBenchmarkPassesTheSimulationChecks(Case c) {
        check(c);
    }

    private static void check(Case c) {
        NeuralBenchmark b = c.benchmark();
        var calls = b.calls();
        int n = b.data().target().presentations();
        assertThat(b.data().target().neuroids()).isEqualTo(c.truth().rho().length);

        Score trueFeatures = b.score(SimulatedSubject.of("true-features", calls, c.truth().hidden()), RunOptions.defaults());
        Score exact = b.score(SimulatedSubject.of("exact", calls, b.data().target().values()), RunOptions.defaults());
        Score random = b.score(SimulatedSubject.random(calls, n, 64, 5), RunOptions.defaults());

        // The recomputed ceiling brackets the simulated truth, median over neuroids of rho.
        var ceiling = trueFeatures.ceiling();
        assertThat(ceiling.source()).startsWith("extrapolation");
        assertThat(c.truth().trueCeiling()).as("truth %.4f vs ceiling %.4f [%.4f, %.4f]", c.truth().trueCeiling(),
                ceiling.value(), ceiling.lower(), ceiling.upper()).isBetween(ceiling.lower(), ceiling.upper());
        // A perfect model of the hidden features reaches the ceiling; raw tracks the population truth.
        assertThat(trueFeatures.raw()).isCloseTo(c.truth().trueCeiling(), within(0.05));
        assertThat(trueFeatures.normalized()).isGreaterThanOrEqualTo(0.95);
        assertThat(exact.normalized()).isEqualTo(1.0);
        assertThat(random.normalized()).isLessThanOrEqualTo(0.1);
        assertThat(random.raw()).isBetween(-0.1, 0.1);
        assertThat(trueFeatures.layers().getFirst().rawInterval().known()).isTrue();
        assertThat(trueFeatures.layers().getFirst().rawInterval().lower()).isLessThanOrEqualTo(trueFeatures.raw());
    }

    static Stream<Arguments> pereiraFast() {
        return Stream.of(Arguments.of(Pereira2018.Experiment.E243, Kind.LINEAR_SHUFFLE),
                Arguments.of(Pereira2018.Experiment.E243, Kind.RIDGE));
    }

    static Stream<Arguments> pereiraSlow() {
        return Stream.of(Arguments.of(Pereira2018.Experiment.E384, Kind.LINEAR_SHUFFLE));
    }

    /**
     * Pereira2018's structure (6–8 subjects, thousands of voxels per subject, a few hundred sentences)
     * is where BSL's extrapolation estimator — reproduced here exactly — is biased low: a pool's
     * min-norm regression also fits the held-out subject's training noise, so the pool score keeps
     * rising slowly with more subjects and the saturating exponential under-extrapolates. Measured on
     * the simulation: 1–3.5 % below the truth (0.844 and 0.857 vs 0.874 for 243; 0.865 vs 0.875 for
     * 384 linear). This pins that documented bias; everything else is checked as for the others.
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("pereiraFast")
    void pereiraCeilingIsWithinItsDocumentedBias(Pereira2018.Experiment e, Kind kind) {
        checkPereira(e, kind);
    }

    @Tag("slow")
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("pereiraSlow")
    void largePereiraCeilingIsWithinItsDocumentedBias(Pereira2018.Experiment e, Kind kind) {
        checkPereira(e, kind);
    }

    private static void checkPereira(Pereira2018.Experiment e, Kind kind) {
        NeuralBenchmark b = Pereira2018.benchmark(e, kind, SIM);
        Simulation.Result truth = Pereira2018.simulated(e);
        var calls = b.calls();
        Score trueFeatures = b.score(SimulatedSubject.of("true-features", calls, truth.hidden()), RunOptions.defaults());
        assertThat(trueFeatures.ceiling().value()).isBetween(0.95 * truth.trueCeiling(), 1.0 * truth.trueCeiling());
        assertThat(trueFeatures.raw()).isCloseTo(truth.trueCeiling(), within(0.03));
        assertThat(trueFeatures.normalized()).isGreaterThanOrEqualTo(0.95);
        Score exact = b.score(SimulatedSubject.of("exact", calls, b.data().target().values()), RunOptions.defaults());
        assertThat(exact.normalized()).isEqualTo(1.0);
        Score random = b.score(SimulatedSubject.random(calls, b.data().target().presentations(), 64, 5), RunOptions.defaults());
        assertThat(random.normalized()).isLessThanOrEqualTo(0.1);
    }

    @Test
    void tuckuteHasNoCeilingAndScoresRaw() {
        Simulation.Result truth = Tuckute2024.simulated();
        for (Kind kind : new Kind[] {Kind.LINEAR_SHUFFLE, Kind.RIDGE, Kind.CKA, Kind.RDM}) {
            NeuralBenchmark b = Tuckute2024.benchmark(kind, SIM);
            var calls = b.calls();
            assertThat(calls).hasSize(1000).allSatisfy(call -> assertThat(call.parts()).hasSize(1));
            Score tf = b.score(SimulatedSubject.of("true-features", calls, truth.hidden()), RunOptions.defaults());
            Score exact = b.score(SimulatedSubject.of("exact", calls, b.data().target().values()), RunOptions.defaults());
            Score random = b.score(SimulatedSubject.random(calls, 1000, 64, 5), RunOptions.defaults());
            assertThat(tf.ceiling().isNone()).isTrue();
            switch (kind) {
                case LINEAR_SHUFFLE, RIDGE -> {
                    assertThat(tf.raw()).isCloseTo(0.5, within(0.06));
                    assertThat(exact.raw()).isCloseTo(1.0, within(1e-3));
                    assertThat(random.raw()).isBetween(-0.1, 0.1);
                }
                case CKA -> {
                    assertThat(exact.raw()).isCloseTo(1.0, within(1e-6));
                    // Population CKA of y = H·u + noise (k hidden dims, reliability rho) against H:
                    // ||cov(y, H)||^2 / (||cov(H)||_F · var(y)) = 1 / (sqrt(k) · 1/rho^2).
                    int k = truth.hidden().cols();
                    assertThat(tf.raw()).isCloseTo(1.0 / (Math.sqrt(k) * 4.0), within(0.02));
                    assertThat(random.raw()).isLessThan(tf.raw());
                }
                case RDM -> {
                    assertThat(tf.raw()).isNaN();
                    assertThat(tf.layers().getFirst().note()).contains("at least 2 neuroids");
                }
            }
        }
    }
}
