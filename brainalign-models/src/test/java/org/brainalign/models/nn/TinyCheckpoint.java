package org.brainalign.models.nn;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;
import org.brainalign.models.ModelLoader;
import org.brainalign.models.TestData;
import org.brainalign.models.config.ConfigLoader;
import org.brainalign.models.config.ModelConfig;
import org.brainalign.models.safetensors.Checkpoint;
import org.brainalign.models.safetensors.SafetensorsWriter;

/**
 * The tests' tiny random checkpoints and their comparison with a float64 twin: writing random
 * weights under HuggingFace's names (norm weights around their identity so that a norm applied the
 * wrong way shows), loading the directory through brainalign's own loader, and checking every
 * hidden state (and the logits) against the twin's to max|diff| / max|ref| ≤ 1e-4.
 */
final class TinyCheckpoint {
    private TinyCheckpoint() {}

    /**
     * Writes {@code model.safetensors} into {@code dir} with a random float32 tensor per shape, named
     * {@code rename(name)}; norm weights ({@code isNorm}) are {@code normCentre + 0.3·N(0, 1)}, all
     * others {@code scale·N(0, 1)}. Returns the values by the name the twin uses, as doubles.
     */
    static Map<String, double[]> writeRandom(Path dir, Map<String, long[]> shapes, java.util.function.UnaryOperator<String> rename,
            Predicate<String> isNorm, double normCentre, double scale, long seed, Map<String, long[]> unusedExtras) throws Exception {
        Random random = new Random(seed);
        SafetensorsWriter writer = new SafetensorsWriter();
        Map<String, double[]> values = new HashMap<>();
        for (var e : shapes.entrySet()) {
            long n = 1;
            for (long d : e.getValue()) {
                n *= d;
            }
            boolean norm = isNorm.test(e.getKey());
            float[] v = new float[(int) n];
            double[] d = new double[v.length];
            for (int i = 0; i < v.length; i++) {
                double g = random.nextGaussian();
                v[i] = (float) (norm ? normCentre + 0.3 * g : scale * g);
                d[i] = v[i];
            }
            writer.add(rename.apply(e.getKey()), e.getValue(), v);
            values.put(e.getKey(), d);
        }
        for (var e : unusedExtras.entrySet()) { // tensors HF files carry that feature extraction leaves unused
            long n = 1;
            for (long d : e.getValue()) {
                n *= d;
            }
            writer.add(e.getKey(), e.getValue(), new float[(int) n]);
        }
        writer.write(dir.resolve("model.safetensors"));
        return values;
    }

    /**
     * Loads the checkpoint in {@code dir}, runs {@code ids}, and checks HuggingFace's hidden states
     * (and, when {@code reference} holds one more entry than there are hidden states, the logits)
     * against the twin's {@code reference}.
     */
    static void assertMatchesTwin(String what, Path dir, int[] ids, List<double[][]> reference) {
        ModelConfig config = ConfigLoader.load(dir.resolve("config.json"));
        long[] longIds = java.util.Arrays.stream(ids).asLongStream().toArray();
        try (NDManager manager = NDManager.newBaseManager();
             Checkpoint checkpoint = Checkpoint.open(dir);
             TransformerModel model = TransformerModel.create(config, ModelLoader.weightsFor(config, checkpoint), manager);
             NDManager scope = manager.newSubManager()) {
            int[] hs = model.hiddenStateLayers();
            boolean logits = reference.size() == hs.length + 1;
            assertThat(reference.size()).as(what + ": twin outputs").isIn(hs.length, hs.length + 1);
            ForwardOutput out = model.forward(scope, new long[][] {longIds}, ForwardRequest.allLayers(model, logits));
            for (int i = 0; i < hs.length; i++) {
                assertClose(what + " hidden_states." + i + " (" + model.layerNames().get(hs[i]) + ")", out.layer(hs[i]).toFloatArray(),
                        reference.get(i));
            }
            if (logits) {
                assertClose(what + " logits", out.logits().toFloatArray(), reference.getLast());
            }
        }
    }

    static void assertClose(String what, float[] actual, double[][] reference) {
        float[] ref = new float[reference.length * reference[0].length];
        for (int t = 0; t < reference.length; t++) {
            for (int j = 0; j < reference[0].length; j++) {
                ref[t * reference[0].length + j] = (float) reference[t][j];
            }
        }
        assertThat(actual).as(what + " size").hasSize(ref.length);
        assertThat(TestData.maxRelativeError(actual, 0, ref)).as(what + ": max|diff|/max|ref|")
                .isLessThanOrEqualTo(HfParityTest.TOLERANCE);
    }
}
