package org.brainalign.models.untrained;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.List;
import java.util.Map;
import org.brainalign.models.config.ModelConfig;
import org.brainalign.models.nn.Architecture;
import org.brainalign.models.nn.ParamSpec;
import org.brainalign.models.nn.WeightSource;
import org.junit.jupiter.api.Test;

/**
 * Untrained weights streamed block by block into their tensors ({@link WeightSource#stream}, run in
 * parallel, padding rows zeroed inside the block that holds them) equal the same weights handed over
 * as whole arrays from {@link UntrainedWeights#load}, bit for bit, in every parameter: for a family
 * held as stored (BERT, with its zeroed padding row) and one with transposed Conv1D weights (GPT-2).
 */
class StreamedLoadTest {

    /** The same weights, offered only as whole arrays (the interface's default {@code stream}). */
    private record WholeArrays(UntrainedWeights inner) implements WeightSource {
        @Override
        public void expect(List<ParamSpec> specs) {
            inner.expect(specs);
        }

        @Override
        public float[] load(ParamSpec spec) {
            return inner.load(spec);
        }

        @Override
        public String describe() {
            return inner.describe();
        }
    }

    @Test
    void streamedTensorsEqualWholeArrays() {
        for (String preset : List.of("bert-base-uncased", "distilgpt2")) {
            ModelConfig config = Presets.find(preset).orElseThrow().config();
            Architecture<?> architecture = Architecture.forConfig(config);
            try (NDManager manager = NDManager.newBaseManager()) {
                Map<String, NDArray> streamed = architecture.load(config, new UntrainedWeights(5), manager, DataType.FLOAT32);
                Map<String, NDArray> whole = architecture.load(config, new WholeArrays(new UntrainedWeights(5)), manager,
                        DataType.FLOAT32);
                assertThat(streamed.keySet()).containsExactlyElementsOf(whole.keySet());
                for (String name : streamed.keySet()) {
                    assertThat(streamed.get(name).getShape()).as(name).isEqualTo(whole.get(name).getShape());
                    assertThat(java.util.Arrays.equals(streamed.get(name).toFloatArray(), whole.get(name).toFloatArray()))
                            .as("%s %s", preset, name).isTrue();
                }
                float[] words = streamed.values().iterator().next().toFloatArray();
                if (preset.startsWith("bert")) {
                    int width = config.hiddenSize();
                    for (int i = 0; i < width; i++) {
                        assertThat(words[i]).as("padding row element %d", i).isZero();
                    }
                    assertThat(words[width]).isNotZero();
                }
            }
        }
    }
}
