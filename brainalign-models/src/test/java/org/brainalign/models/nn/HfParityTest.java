package org.brainalign.models.nn;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import org.brainalign.models.ModelLoader;
import org.brainalign.models.TestData;
import org.brainalign.models.config.ConfigLoader;
import org.brainalign.models.config.ModelConfig;
import org.brainalign.models.safetensors.Checkpoint;
import org.brainalign.models.safetensors.SafetensorsFile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every family's forward pass against what HuggingFace computed for the same random checkpoint:
 * each hidden state and the logits must agree to max|diff| / max|ref| ≤ 1e-4.
 */
class HfParityTest {

    static final double TOLERANCE = 1e-4;

    @ParameterizedTest
    @ValueSource(strings = {"tiny-gpt2", "tiny-bert", "tiny-roberta", "tiny-llama", "tiny-gpt-neox"})
    void hiddenStatesAndLogitsMatchHuggingFace(String fixture) {
        check(TestData.fixture(fixture), fixture);
    }

    /** The model in {@code dir} against the {@code expected_outputs.safetensors} transformers wrote beside it. */
    static void check(Path dir, String fixture) {
        ModelConfig config = ConfigLoader.load(dir.resolve("config.json"));
        try (NDManager manager = NDManager.newBaseManager();
             Checkpoint checkpoint = Checkpoint.open(dir);
             SafetensorsFile expected = SafetensorsFile.open(dir.resolve("expected_outputs.safetensors"));
             TransformerModel model = TransformerModel.create(config, ModelLoader.weightsFor(config, checkpoint), manager);
             NDManager scope = manager.newSubManager()) {
            long[] ids = expected.longs("input_ids");
            ForwardOutput out = model.forward(scope, new long[][] {ids}, ForwardRequest.allLayers(model, model.isCausalLm()));
            int[] hs = model.hiddenStateLayers();
            long stateCount = expected.keys().stream().filter(k -> k.startsWith("hidden_states.")).count();
            assertThat(hs).as("number of hidden states").hasSize((int) stateCount);
            for (int i = 0; i < hs.length; i++) {
                assertClose(fixture + " hidden_states." + i + " (" + model.layerNames().get(hs[i]) + ")",
                        out.layer(hs[i]), expected.floats("hidden_states." + i));
            }
            if (expected.contains("logits")) {
                assertClose(fixture + " logits", out.logits(), expected.floats("logits"));
            }
        }
    }

    static void assertClose(String what, NDArray actual, float[] reference) {
        float[] a = actual.toFloatArray();
        assertThat(a).as(what + " size").hasSize(reference.length);
        assertThat(TestData.maxRelativeError(a, 0, reference)).as(what + ": max|diff|/max|ref|").isLessThanOrEqualTo(TOLERANCE);
    }
}
