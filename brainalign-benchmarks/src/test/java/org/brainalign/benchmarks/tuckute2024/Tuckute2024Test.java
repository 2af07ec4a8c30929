package org.brainalign.benchmarks.tuckute2024;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.brainalign.benchmarks.DataSource;
import org.brainalign.benchmarks.RunOptions;
import org.brainalign.benchmarks.neural.CeilingPolicy;
import org.brainalign.benchmarks.neural.MetricChoice.Kind;
import org.brainalign.benchmarks.neural.NeuralBenchmark;
import org.brainalign.benchmarks.simulate.NeuralChecks;
import org.brainalign.benchmarks.simulate.SimulatedSubject;
import org.brainalign.benchmarks.simulate.Simulation;
import org.brainalign.core.score.Score;
import org.junit.jupiter.api.Test;

/**
 * Tuckute2024 (fMRI, 1,000 sentences each presented alone, one averaged neuroid) on its simulated
 * assembly: structure and metadata, no ceiling (raw scores, BSL version 2), exact subject = 1, the
 * seeded random subject's value against the plain twin, and each metric's closed-form value.
 */
class Tuckute2024Test {
    private static final DataSource SIM = DataSource.simulatedData();

    @Test
    void structureAndMetadata() {
        NeuralBenchmark b = Tuckute2024.benchmark(Kind.LINEAR_SHUFFLE, SIM);
        assertThat(b.id()).isEqualTo("Tuckute2024-linear");
        assertThat(b.version()).isEqualTo(2);
        assertThat(b.parent()).isEqualTo("neural_language");
        assertThat(b.citation()).contains("Tuckute et al. 2024");
        assertThat(b.spec().ceiling()).isInstanceOf(CeilingPolicy.None.class);
    }

    @Test
    void seededRandomSubjectMatchesThePlainTwin() {
        NeuralChecks.randomSubjectMatchesThePlainTwin(Tuckute2024.benchmark(Kind.LINEAR_SHUFFLE, SIM));
    }

    @Test
    void noCeilingAndEachMetricsClosedFormValue() {
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
