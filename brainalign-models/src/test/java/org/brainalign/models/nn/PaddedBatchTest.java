package org.brainalign.models.nn;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.brainalign.models.ModelLoader;
import org.brainalign.models.TestData;
import org.brainalign.models.config.ConfigLoader;
import org.brainalign.models.config.ModelConfig;
import org.brainalign.models.safetensors.Checkpoint;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Independent sequences run as one right-padded batch give, at every real position, every layer's
 * hidden state and the logits of the same sequence run alone — for every family (causal models need
 * no mask; encoders mask the padded keys): max|diff| / max|ref| ≤ 1e-5 per sequence and layer, the
 * float32 rounding of a different summation order in batched matrix products.
 */
class PaddedBatchTest {
    static final double TOLERANCE = 1e-5;

    @ParameterizedTest
    @ValueSource(strings = {"tiny-gpt2", "tiny-bert", "tiny-roberta", "tiny-llama", "tiny-gpt-neox"})
    void paddedRowsEqualRowsRunAlone(String fixture) {
        Path dir = TestData.fixture(fixture);
        ModelConfig config = ConfigLoader.load(dir.resolve("config.json"));
        try (NDManager manager = NDManager.newBaseManager();
             Checkpoint checkpoint = Checkpoint.open(dir);
             TransformerModel model = TransformerModel.create(config, ModelLoader.weightsFor(config, checkpoint), manager)) {
            int[] lengths = {3, 17, 1, 9, 17, 12};
            int t = 17;
            SplittableRandom random = new SplittableRandom(7);
            long[][] rows = new long[lengths.length][];
            long[][] padded = new long[lengths.length][t];
            for (int r = 0; r < rows.length; r++) {
                rows[r] = new long[lengths[r]];
                for (int i = 0; i < lengths[r]; i++) {
                    // avoid the pad id itself inside real tokens (RoBERTa's positions count non-pad tokens)
                    do {
                        rows[r][i] = random.nextInt(config.vocabSize());
                    } while (rows[r][i] == model.paddingId());
                }
                java.util.Arrays.fill(padded[r], model.paddingId());
                System.arraycopy(rows[r], 0, padded[r], 0, lengths[r]);
            }
            ForwardRequest request = ForwardRequest.allLayers(model, model.isCausalLm());
            try (NDManager scope = manager.newSubManager()) {
                ForwardOutput batch = model.forward(scope, padded, lengths, request);
                int layers = model.layerNames().size();
                float[][] batched = new float[layers][];
                for (int l = 0; l < layers; l++) {
                    batched[l] = batch.layer(l).toFloatArray();
                }
                float[] batchedLogits = model.isCausalLm() ? batch.logits().toFloatArray() : null;
                for (int r = 0; r < rows.length; r++) {
                    try (NDManager one = manager.newSubManager()) {
                        ForwardOutput alone = model.forward(one, new long[][] {rows[r]}, request);
                        for (int l = 0; l < layers; l++) {
                            assertClose(fixture + " row " + r + " " + model.layerNames().get(l), batched[l], r, t,
                                    alone.layer(l).toFloatArray(), lengths[r]);
                        }
                        if (batchedLogits != null) {
                            assertClose(fixture + " row " + r + " logits", batchedLogits, r, t, alone.logits().toFloatArray(),
                                    lengths[r]);
                        }
                    }
                }
            }
        }
    }

    /** Row {@code r}'s first {@code len} positions of a [B, T, C] batch against a [1, len, C] reference. */
    private static void assertClose(String what, float[] batch, int r, int t, float[] reference, int len) {
        int c = reference.length / len;
        assertThat(TestData.maxRelativeError(batch, r * t * c, reference)).as(what + ": max|diff|/max|ref|")
                .isLessThanOrEqualTo(TOLERANCE);
    }
}
