package org.brainalign.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.brainalign.benchmarks.BenchmarkRegistry;
import org.brainalign.benchmarks.neural.NeuralBenchmark;
import org.brainalign.benchmarks.simulate.SimulatedSubject;
import org.brainalign.core.linalg.DMatrix;
import org.brainalign.benchmarks.RunOptions;
import org.brainalign.core.score.Score;
import org.brainalign.models.registry.ModelRegistry;
import org.brainalign.models.registry.ModelRequest;
import org.brainalign.models.registry.OpenedModel;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code randomembedding-100} scores what BSL's generator scores, on the real Tuckute2024 and
 * Pereira2018-network recordings: the sentence features of BSL's {@code WordToEmbedding} (numpy's
 * {@code RandomState} seeded by each word's sha256 digest, the words' mean), computed outside
 * brainalign by {@code src/test/python/bsl_random_embedding.py} and committed as
 * {@code bsl/randomembedding-100-features.tsv}, go through the same benchmark as brainalign's
 * subject; the scores agree within 1e-9.
 */
class BslRandomEmbeddingTest {

    /** Sentence → its 100 features as numpy computed them (float32, the precision activations are recorded in). */
    static Map<String, double[]> numpyFeatures() throws Exception {
        Path file = Path.of(BslRandomEmbeddingTest.class.getResource("/bsl/randomembedding-100-features.tsv").toURI());
        Map<String, double[]> out = new HashMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            int tab = line.lastIndexOf('\t');
            String[] hex = line.substring(tab + 1).split(" ");
            double[] v = new double[hex.length];
            for (int i = 0; i < hex.length; i++) {
                v[i] = Float.intBitsToFloat(Integer.parseUnsignedInt(hex[i], 16));
            }
            out.put(line.substring(0, tab), v);
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"Tuckute2024-ridge", "Pereira2018.243sentences-network-ridge", "Pereira2018.384sentences-network-ridge",
            "Pereira2018.243sentences-network-linear-shuffle"})
    void scoresEqualBslsGenerator(String id) throws Exception {
        NeuralBenchmark b = (NeuralBenchmark) BenchmarkRegistry.create(id, Brennan2016BenchmarkTest.data());
        Map<String, double[]> numpy = numpyFeatures();
        double[][] rows = new double[b.data().target().presentations()][];
        for (var call : b.calls()) {
            for (int i = 0; i < call.parts().size(); i++) {
                double[] v = numpy.get(call.parts().get(i));
                assertThat(v).as("numpy features of '%s'", call.parts().get(i)).isNotNull();
                rows[call.presentations()[i]] = v;
            }
        }
        DMatrix features = DMatrix.ofRows(rows);
        // Every sentence's features are numpy's, to the bit.
        var subject = new org.brainalign.models.baseline.RandomEmbeddingSubject(100, 0);
        for (var call : b.calls()) {
            var layer = subject.digestText(call.parts()).layers().getFirst();
            for (int i = 0; i < call.parts().size(); i++) {
                float[] row = layer.row(i);
                for (int d = 0; d < 100; d++) {
                    assertThat((double) row[d]).as("'%s' feature %d", call.parts().get(i), d)
                            .isEqualTo(rows[call.presentations()[i]][d]);
                }
            }
        }
        Score bsl = b.score(SimulatedSubject.of("bsl-numpy-randomembedding-100", b.calls(), features), RunOptions.defaults());
        Score ours;
        try (OpenedModel model = ModelRegistry.open("randomembedding-100", ModelRequest.defaults())) {
            ours = b.score(model.freshSubject(), RunOptions.defaults());
        }
        assertThat(ours.layers()).hasSize(1);
        assertThat(ours.raw()).as("%s: brainalign %s vs BSL's generator %s", id, ours.raw(), bsl.raw()).isCloseTo(bsl.raw(), within(1e-9));
        if (id.equals("Pereira2018.243sentences-network-linear-shuffle")) {
            // The independent computation with BSL's generator: −0.120 (brainalign's old N(0, 1) generator: 0.229).
            assertThat(ours.raw()).isCloseTo(-0.120, within(0.0005));
        }
        assertThat(List.of(ours.raw())).allSatisfy(r -> assertThat(Double.isFinite(r)).isTrue());
    }
}
