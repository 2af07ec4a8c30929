package org.brainalign.benchmarks.tuckute2024;

import org.brainalign.core.testing.Shared;
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

    /** The real responses, read from the shared data directory. */
    private static DataSource real() {
        return new DataSource(org.brainalign.benchmarks.TestData.shared(), org.brainalign.benchmarks.data.DataCatalog.bundled(), false);
    }

    @Test
    void realDataIsBslsAssemblyInBslsOrder() {
        NeuralBenchmark b = Tuckute2024.benchmark(Kind.RIDGE, real());
        var target = b.data().target();
        assertThat(target.presentations()).isEqualTo(1000);
        assertThat(target.neuroids()).isEqualTo(1);
        var ids = target.coord(org.brainalign.core.assembly.Assembly.Dim.PRESENTATION, "stimulus_id");
        var stimuli = target.coord(org.brainalign.core.assembly.Assembly.Dim.PRESENTATION, "stimulus");
        assertThat(ids.uniqueLabels()).hasSize(1000);
        assertThat(stimuli.uniqueLabels()).hasSize(1000);
        // Numeric order, never string order (which would put B.10 second).
        assertThat(java.util.stream.IntStream.range(0, 5).mapToObj(ids::label)).containsExactly("B.1", "B.2", "B.3", "B.4", "B.5");
        assertThat(ids.label(999)).isEqualTo("B.1000");
        double max = java.util.Arrays.stream(target.values().data()).max().orElseThrow();
        assertThat(max).as("BSL's own data test").isGreaterThan(1.28).isLessThan(1.29);
        assertThat(b.data().simulated()).isFalse();
        assertThat(b.data().checksums()).containsKey("tuckute2024/bold_response_LH.csv");
    }

    @Test
    void onRealDataTheExactSubjectScoresOneAndSplitZeroIsNumpys() throws Exception {
        DataSource real = real();
        for (Kind kind : new Kind[] {Kind.LINEAR_SHUFFLE, Kind.RIDGE}) {
            NeuralBenchmark b = Tuckute2024.benchmark(kind, real);
            Score exact = b.score(SimulatedSubject.of("exact", b.calls(), b.data().target().values()), RunOptions.defaults());
            assertThat(exact.raw()).as("%s exact", b.id()).isCloseTo(1.0, within(1e-6));
            assertThat(exact.ceiling().isNone()).isTrue();
        }
        // Split 0's test set is numpy's ShuffleSplit(10, test_size=0.1, random_state=1) on 1,000 items (reference vectors).
        var root = com.google.gson.JsonParser.parseString(java.nio.file.Files.readString(
                Shared.require(Shared.Part.REFERENCE, "vectors/numpy-sklearn-scipy.json"))).getAsJsonObject();
        var split0 = root.getAsJsonObject("ShuffleSplit_10_train0.9").getAsJsonArray("n=1000,seed=1").get(0).getAsJsonObject();
        int[] expected = new int[split0.getAsJsonArray("test").size()];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = split0.getAsJsonArray("test").get(i).getAsInt();
        }
        var metric = (org.brainalign.core.metric.CrossRegressedCorrelation) Tuckute2024.benchmark(Kind.LINEAR_SHUFFLE, real)
                .spec().metric().create();
        var prepared = metric.prepare(Tuckute2024.benchmark(Kind.LINEAR_SHUFFLE, real).data().target());
        assertThat(expected).hasSize(100);
        assertThat(prepared.folds().getFirst().split().test()).containsExactly(expected);
    }

    @Test
    void bslsOwnFileBesideTheCsvMustAgreeWithIt() throws Exception {
        // The BSL-form look-alike (100 random rows) beside the real CSV: the disagreement is an error naming BSL's file.
        java.nio.file.Path data = java.nio.file.Files.createTempDirectory("tuckute");
        java.nio.file.Path folder = java.nio.file.Files.createDirectories(data.resolve("tuckute2024"));
        java.nio.file.Path shared = org.brainalign.benchmarks.TestData.shared().dataset("tuckute2024");
        java.nio.file.Files.copy(shared.resolve("bold_response_LH.csv"), folder.resolve("bold_response_LH.csv"));
        java.nio.file.Files.copy(Shared.require(Shared.Part.FIXTURES, "bsl-assemblies/exported/Tuckute2024.language.nc"),
                folder.resolve("Tuckute2024.language.nc"));
        DataSource both = new DataSource(new org.brainalign.benchmarks.data.DataDirectory(data),
                org.brainalign.benchmarks.data.DataCatalog.bundled(), false);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Tuckute2024.benchmark(Kind.RIDGE, both).data())
                .hasMessageContaining("Tuckute2024.language.nc");
    }

    @Test
    void theFiveFroisAreFiveNeuroidsScoredSeparately() {
        NeuralBenchmark b = Tuckute2024.fRoiBenchmark(Kind.RIDGE, real());
        assertThat(b.id()).isEqualTo("Tuckute2024.fROI-ridge");
        assertThat(b.parent()).as("not ranked: BSL has no such benchmark").isNull();
        assertThat(b.data().target().neuroids()).isEqualTo(5);
        Score exact = b.score(SimulatedSubject.of("exact", b.calls(), b.data().target().values()), RunOptions.defaults());
        assertThat(exact.layers().getFirst().splitByNeuroid()[0]).hasSize(5);
        assertThat(exact.layers().getFirst().measures().keySet()).as("each fROI's score, kept without --full")
                .containsExactlyInAnyOrder("neuroid:lang_LH_AntTemp", "neuroid:lang_LH_IFG", "neuroid:lang_LH_IFGorb",
                        "neuroid:lang_LH_MFG", "neuroid:lang_LH_PostTemp");
        assertThat(exact.layers().getFirst().measure("neuroid:lang_LH_IFG")).isCloseTo(1.0, within(1e-6));
        assertThat(exact.raw()).isCloseTo(1.0, within(1e-6));
    }

    @Test
    void aNonFiniteActivationNeverReachesTheRegression() {
        NeuralBenchmark b = Tuckute2024.benchmark(Kind.RIDGE, SIM);
        var features = b.data().target().values().copy();
        features.set(3, 0, Double.POSITIVE_INFINITY);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> b.score(SimulatedSubject.of("broken", b.calls(), features),
                RunOptions.defaults())).hasMessageContaining("non-finite activation").hasMessageContaining("sentence3")
                .hasMessageContaining("Tuckute2024-ridge");
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
