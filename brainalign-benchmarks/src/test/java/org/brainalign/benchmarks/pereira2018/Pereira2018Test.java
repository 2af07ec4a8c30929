package org.brainalign.benchmarks.pereira2018;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.Stream;
import org.brainalign.benchmarks.DataSource;
import org.brainalign.benchmarks.RunOptions;
import org.brainalign.benchmarks.neural.CeilingPolicy;
import org.brainalign.benchmarks.neural.MetricChoice.Kind;
import org.brainalign.benchmarks.neural.NeuralBenchmark;
import org.brainalign.benchmarks.simulate.NeuralChecks;
import org.brainalign.benchmarks.simulate.SimulatedSubject;
import org.brainalign.benchmarks.simulate.Simulation;
import org.brainalign.core.score.Score;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Pereira2018 (fMRI; experiment 3: 243 sentences, 6 subjects; experiment 2: 384 sentences, 8
 * subjects) on its simulated assembly: structure and BSL's published ceilings (anchors.md), exact
 * subject = 1, the seeded random subject's value against the plain twin, and the recomputed ceiling
 * within its documented bias. The 384-sentence runs carry the {@code slow} tag.
 */
class Pereira2018Test {
    private static final DataSource SIM = DataSource.simulatedData();

    @Test
    void structureMetadataAndPublishedCeilings() {
        NeuralBenchmark b = Pereira2018.benchmark(Pereira2018.Experiment.E384, Kind.RIDGE, SIM);
        assertThat(b.id()).isEqualTo("Pereira2018.384sentences-ridge");
        assertThat(b.parent()).isEqualTo("Pereira2018");
        assertThat(b.citation()).contains("Pereira et al. 2018");
        assertThat(b.calls()).hasSize(96).allSatisfy(c -> assertThat(c.parts()).hasSize(4));
        assertThat(published(Pereira2018.Experiment.E243, Kind.LINEAR_SHUFFLE)).isEqualTo(0.35378928);
        assertThat(published(Pereira2018.Experiment.E384, Kind.LINEAR_SHUFFLE)).isEqualTo(0.36343748);
        assertThat(published(Pereira2018.Experiment.E243, Kind.RIDGE)).isEqualTo(0.1337);
        assertThat(published(Pereira2018.Experiment.E384, Kind.RIDGE)).isEqualTo(0.1352);
    }

    private static double published(Pereira2018.Experiment e, Kind kind) {
        return ((CeilingPolicy.Published) Pereira2018.benchmark(e, kind, SIM).spec().ceiling()).value();
    }

    @Test
    void networkBenchmarksRunOnTheRealResponsePerSentence() {
        DataSource real = new DataSource(org.brainalign.benchmarks.TestData.shared(),
                org.brainalign.benchmarks.data.DataCatalog.bundled(), false);
        for (Pereira2018.Experiment e : Pereira2018.Experiment.values()) {
            NeuralBenchmark ridge = Pereira2018.networkBenchmark(e, Kind.RIDGE, real);
            NeuralBenchmark voxels = Pereira2018.benchmark(e, Kind.RIDGE, SIM);
            int n = e == Pereira2018.Experiment.E243 ? 243 : 384;
            var target = ridge.data().target();
            assertThat(target.presentations()).isEqualTo(n);
            assertThat(target.neuroids()).isEqualTo(1);
            assertThat(ridge.spec().ceiling()).isInstanceOf(CeilingPolicy.None.class);
            assertThat(ridge.description()).contains("no ceiling");
            // One call per passage, as BSL presents the voxel benchmarks: 72 passages of 3-4 sentences (243), 96 of 4 (384).
            assertThat(ridge.calls()).hasSize(e == Pereira2018.Experiment.E243 ? 72 : 96);
            assertThat(ridge.calls().stream().map(c -> c.parts().size()).sorted().toList())
                    .isEqualTo(voxels.calls().stream().map(c -> c.parts().size()).sorted().toList());
            assertThat(ridge.calls().getFirst().parts().getFirst()).as("sentences keep their order within a passage")
                    .isEqualTo(target.coord(org.brainalign.core.assembly.Assembly.Dim.PRESENTATION, "stimulus")
                            .label(ridge.calls().getFirst().presentations()[0]));
            assertThat(ridge.contextPolicy()).isEqualTo(voxels.contextPolicy());
            var ids = target.coord(org.brainalign.core.assembly.Assembly.Dim.PRESENTATION, "stimulus_id");
            assertThat(ids.label(0)).isEqualTo(e.label() + ".0");
            Score exact = ridge.score(SimulatedSubject.of("exact", ridge.calls(), target.values()), RunOptions.defaults());
            assertThat(exact.raw()).isCloseTo(1.0, within(1e-6));
            assertThat(exact.layers().getFirst().splitByNeuroid()).as("GroupKFold(10) by story").hasNumberOfRows(10);
        }
        NeuralBenchmark shown = Pereira2018.networkBenchmark(Pereira2018.Experiment.E384, Kind.LINEAR_SHUFFLE,
                real.withSentences(DataSource.Sentences.SHOWN));
        NeuralBenchmark dereferenced = Pereira2018.networkBenchmark(Pereira2018.Experiment.E384, Kind.LINEAR_SHUFFLE, real);
        var a = shown.data().target().coord(org.brainalign.core.assembly.Assembly.Dim.PRESENTATION, "stimulus");
        var b = dereferenced.data().target().coord(org.brainalign.core.assembly.Assembly.Dim.PRESENTATION, "stimulus");
        long differ = java.util.stream.IntStream.range(0, 384).filter(i -> !a.label(i).equals(b.label(i))).count();
        assertThat(differ).as("sentences that dereference a pronoun or fix a typo").isPositive().isLessThan(100);
    }

    @Test
    void seededRandomSubjectMatchesThePlainTwin() {
        NeuralChecks.randomSubjectMatchesThePlainTwin(Pereira2018.benchmark(Pereira2018.Experiment.E243, Kind.LINEAR_SHUFFLE, SIM));
    }

    @Tag("slow")
    @Test
    void ridge384PassesTheSimulationChecks() {
        NeuralChecks.ceiledChecks(Pereira2018.benchmark(Pereira2018.Experiment.E384, Kind.RIDGE, SIM),
                Pereira2018.simulated(Pereira2018.Experiment.E384));
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
}
