package org.brainalign.benchmarks.blank2014;

import static org.assertj.core.api.Assertions.assertThat;

import org.brainalign.benchmarks.DataSource;
import org.brainalign.benchmarks.neural.CeilingPolicy;
import org.brainalign.benchmarks.neural.MetricChoice.Kind;
import org.brainalign.benchmarks.neural.NeuralBenchmark;
import org.brainalign.benchmarks.simulate.NeuralChecks;
import org.junit.jupiter.api.Test;

/**
 * Blank2014 (fMRI, 1,317 story fragments in 8 stories, 12 fROIs × 5 subjects) on its simulated
 * assembly: structure, exact subject = 1, the seeded random subject's value against the plain twin,
 * and the ceiling — BSL's published 0.21026591 for linear-shuffle (anchors.md), extrapolated from
 * the data for ridge; on simulated data both are recomputed and must bracket the truth.
 */
class Blank2014Test {
    private static final DataSource SIM = DataSource.simulatedData();

    @Test
    void structureAndMetadata() {
        NeuralBenchmark linear = Blank2014.benchmark(Kind.LINEAR_SHUFFLE, SIM);
        assertThat(linear.id()).isEqualTo("Blank2014-linear-shuffle");
        assertThat(linear.parent()).isEqualTo("neural_language");
        assertThat(linear.citation()).contains("Blank");
        assertThat(linear.calls()).hasSize(8);
        assertThat(linear.calls().stream().mapToInt(c -> c.parts().size()).sum()).isEqualTo(1317);
        assertThat(linear.data().target().neuroids()).isEqualTo(60);
        assertThat(((CeilingPolicy.Published) linear.spec().ceiling()).value()).isEqualTo(0.21026591);
        assertThat(Blank2014.benchmark(Kind.RIDGE, SIM).spec().ceiling()).isInstanceOf(CeilingPolicy.Computed.class);
    }

    @Test
    void linearShuffle() {
        NeuralChecks.ceiledChecks(Blank2014.benchmark(Kind.LINEAR_SHUFFLE, SIM), Blank2014.simulated());
        NeuralChecks.randomSubjectMatchesThePlainTwin(Blank2014.benchmark(Kind.LINEAR_SHUFFLE, SIM));
    }

    @Test
    void ridge() {
        NeuralChecks.ceiledChecks(Blank2014.benchmark(Kind.RIDGE, SIM), Blank2014.simulated());
    }
}
