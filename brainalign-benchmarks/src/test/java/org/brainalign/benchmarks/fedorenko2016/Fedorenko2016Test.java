package org.brainalign.benchmarks.fedorenko2016;

import static org.assertj.core.api.Assertions.assertThat;

import org.brainalign.benchmarks.DataSource;
import org.brainalign.benchmarks.neural.CeilingPolicy;
import org.brainalign.benchmarks.neural.MetricChoice.Kind;
import org.brainalign.benchmarks.neural.NeuralBenchmark;
import org.brainalign.benchmarks.simulate.NeuralChecks;
import org.junit.jupiter.api.Test;

/**
 * Fedorenko2016 (ECoG, 52 sentences read word by word, 97 electrodes of 5 subjects) on its
 * simulated assembly: structure, exact subject = 1, the seeded random subject's value against the
 * plain twin, and the ceiling, which BSL extrapolates from the data for both metrics.
 */
class Fedorenko2016Test {
    private static final DataSource SIM = DataSource.simulatedData();

    @Test
    void structureAndMetadata() {
        NeuralBenchmark b = Fedorenko2016.benchmark(Kind.RIDGE, SIM);
        assertThat(b.id()).isEqualTo("Fedorenko2016-ridge");
        assertThat(b.parent()).isEqualTo("neural_language");
        assertThat(b.citation()).contains("Fedorenko et al. 2016");
        assertThat(b.calls()).hasSize(52).allSatisfy(c -> assertThat(c.parts()).hasSize(8));
        assertThat(b.data().target().neuroids()).isEqualTo(97);
        assertThat(b.spec().ceiling()).isInstanceOf(CeilingPolicy.Computed.class);
        assertThat(Fedorenko2016.benchmark(Kind.LINEAR_SHUFFLE, SIM).spec().ceiling()).isInstanceOf(CeilingPolicy.Computed.class);
    }

    @Test
    void linearShuffle() {
        NeuralChecks.ceiledChecks(Fedorenko2016.benchmark(Kind.LINEAR_SHUFFLE, SIM), Fedorenko2016.simulated());
        NeuralChecks.randomSubjectMatchesThePlainTwin(Fedorenko2016.benchmark(Kind.LINEAR_SHUFFLE, SIM));
    }

    @Test
    void ridge() {
        NeuralChecks.ceiledChecks(Fedorenko2016.benchmark(Kind.RIDGE, SIM), Fedorenko2016.simulated());
    }
}
