package org.brainalign.models.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.brainalign.core.runtime.ThreadPolicy;
import org.brainalign.models.ModelLoader;
import org.brainalign.models.TestData;
import org.brainalign.models.config.Activation;
import org.brainalign.models.config.ConfigLoader;
import org.brainalign.models.config.Gpt2Config;
import org.brainalign.models.safetensors.Checkpoint;
import org.brainalign.models.untrained.UntrainedWeights;
import org.junit.jupiter.api.Test;

/**
 * The OpenBLAS forward of GPT-2 against the libtorch composition of the same model's
 * {@link Gpt2Model#embed}, {@link Gpt2Model#block}, {@link Gpt2Model#finalNorm} and
 * {@link Gpt2Model#lmHead} (the functions training uses): every layer and the logits of a padded
 * batch, max|diff| / max|ref| ≤ 1e-5 per layer — float32 rounding of other summation orders, a
 * hundred times below the HuggingFace tolerance. Covers HF weights (the tiny-gpt2 fixture) and a
 * random config with the variants HF's GPT-2 supports: attention scaled by the inverse layer index,
 * unscaled attention, untied LM head, ReLU and SiLU MLPs. {@link HfParityTest} holds GPT-2's
 * forward (this path wherever OpenBLAS is present) to HuggingFace at 1e-4; this test keeps libtorch's
 * blocks, which training differentiates, within 1e-5 of it. Shapes: a right-padded batch, a single token and
 * a short sentence alone. Activations are bit-identical under 1, 2 and 3 threads (the products run
 * in fixed column bands), so scores do not depend on the thread policy.
 */
class Gpt2BlasForwardTest {
    static final double TOLERANCE = 1e-5;
    /**
     * For scores of a hundred and more: exp turns a rounding of a score (≈ 1e-5 absolute there) into as
     * large a relative change of its weight, whichever way the softmax is computed (with every row
     * computed alone, the error against libtorch at N(0, 1) weights was the same to 3 digits). Measured 4.7e-6; a
     * wrongly recomputed row would be off by tenths.
     */
    static final double PEAKED_TOLERANCE = 5e-5;

    @Test
    void huggingFaceWeightsMatchLibtorchBlocks() {
        assumeTrue(Gpt2BlasForward.available(), "needs OpenBLAS");
        Path dir = TestData.fixture("tiny-gpt2");
        Gpt2Config config = (Gpt2Config) ConfigLoader.load(dir.resolve("config.json"));
        try (NDManager manager = NDManager.newBaseManager();
             Checkpoint checkpoint = Checkpoint.open(dir);
             TransformerModel model = TransformerModel.create(config, ModelLoader.weightsFor(config, checkpoint), manager)) {
            compare(config, (Gpt2Model) model, manager);
        }
    }

    @Test
    void configVariantsMatchLibtorchBlocks() {
        assumeTrue(Gpt2BlasForward.available(), "needs OpenBLAS");
        for (Activation activation : List.of(Activation.GELU_TANH, Activation.RELU, Activation.SILU)) {
            for (boolean inverseLayer : new boolean[] {false, true}) {
                Gpt2Config config = new Gpt2Config(3, 48, 4, 97, 40, 80, 1e-5, activation, !inverseLayer, inverseLayer,
                        0.2, inverseLayer);
                try (NDManager manager = NDManager.newBaseManager();
                     TransformerModel model = TransformerModel.create(config, new UntrainedWeights(11), manager)) {
                    compare(config, (Gpt2Model) model, manager);
                }
            }
        }
    }

    @Test
    void peakedAttentionMatchesLibtorchBlocks() {
        assumeTrue(Gpt2BlasForward.available(), "needs OpenBLAS");
        // Unscaled attention and weights N(0, 0.5²): scores of a hundred and more, so that within one query block some
        // rows' maxima lie far below the block's and those rows are recomputed alone with their own.
        Gpt2Config config = new Gpt2Config(2, 48, 4, 97, 40, 96, 1e-5, Activation.GELU_TANH, false, false, 0.5, true);
        try (NDManager manager = NDManager.newBaseManager();
             TransformerModel model = TransformerModel.create(config, new UntrainedWeights(12), manager)) {
            compare(config, (Gpt2Model) model, manager, new int[] {37, 29}, PEAKED_TOLERANCE);
            assertThat(((Gpt2Model) model).blasRecomputedRows()).as("rows recomputed alone").isPositive();
        }
    }

    @Test
    void activationsAreBitIdenticalUnderAnyThreadCount() {
        assumeTrue(Gpt2BlasForward.available(), "needs OpenBLAS");
        Gpt2Config config = new Gpt2Config(2, 64, 4, 101, 300, 4 * 64, 1e-5, Activation.GELU_TANH, true, false, 0.2, true);
        long[][] ids = new long[3][257];
        SplittableRandom random = new SplittableRandom(9);
        for (long[] row : ids) {
            for (int i = 0; i < row.length; i++) {
                row[i] = random.nextInt(config.vocabSize());
            }
        }
        long[] flat = TransformerModel.checkedIds(ids, config);
        ThreadPolicy before = ThreadPolicy.current();
        List<float[]> first = null;
        ThreadPolicy.choose(1);
        // One model, built under one thread and then run under 1, 2 and 3: its pass follows the policy.
        try (NDManager manager = NDManager.newBaseManager();
             TransformerModel model = TransformerModel.create(config, new UntrainedWeights(4), manager)) {
            for (int threads : new int[] {1, 2, 3}) {
                ThreadPolicy.choose(threads);
                try (NDManager scope = manager.newSubManager()) {
                    ForwardOutput out = model.fusedForward(scope, flat, ids.length, ids[0].length,
                            ForwardRequest.allLayers(model, true));
                    assertThat(((Gpt2Model) model).blasParallelism()).as("threads of the pass").isEqualTo(threads);
                    List<float[]> values = new ArrayList<>();
                    for (NDArray layer : out.layers()) {
                        values.add(layer.toFloatArray());
                    }
                    values.add(out.logits().toFloatArray());
                    if (first == null) {
                        first = values;
                    } else {
                        for (int l = 0; l < values.size(); l++) {
                            assertThat(values.get(l)).as("layer %d with %d threads", l, threads).containsExactly(first.get(l));
                        }
                    }
                }
            }
        } finally {
            ThreadPolicy.choose(before.threads());
        }
    }

    /**
     * A pass asked for some layers writes exactly those, and they equal the same layers of a pass
     * asked for all of them, bit for bit (a pass stops after the deepest layer asked for); the layers
     * not asked for are absent.
     */
    @Test
    void requestedLayersEqualThoseOfAFullPass() {
        assumeTrue(Gpt2BlasForward.available(), "needs OpenBLAS");
        Gpt2Config config = new Gpt2Config(3, 64, 4, 101, 300, 4 * 64, 1e-5, Activation.GELU_TANH, true, false, 0.2, true);
        long[][] ids = {new SplittableRandom(5).ints(40, 0, config.vocabSize()).asLongStream().toArray()};
        long[] flat = TransformerModel.checkedIds(ids, config);
        try (NDManager manager = NDManager.newBaseManager();
             TransformerModel model = TransformerModel.create(config, new UntrainedWeights(6), manager);
             NDManager scope = manager.newSubManager()) {
            ForwardOutput all = model.fusedForward(scope, flat, 1, 40, ForwardRequest.allLayers(model, false));
            for (int[] wanted : new int[][] {{2}, {1, 4}, {0, 3}}) {
                java.util.BitSet layers = new java.util.BitSet();
                for (int l : wanted) {
                    layers.set(l);
                }
                ForwardOutput some = model.fusedForward(scope, flat, 1, 40, new ForwardRequest(layers, false));
                for (int l = 0; l < model.layerNames().size(); l++) {
                    if (layers.get(l)) {
                        assertThat(some.layers()[l].toFloatArray()).as("layer %d of %s", l, layers)
                                .containsExactly(all.layers()[l].toFloatArray());
                    } else {
                        assertThat(some.layers()[l]).as("layer %d of %s", l, layers).isNull();
                    }
                }
            }
        }
    }

    private static void compare(Gpt2Config config, Gpt2Model model, NDManager manager) {
        compare(config, model, manager, new int[] {5, 23, 1, 17}, TOLERANCE);
        compare(config, model, manager, new int[] {1}, TOLERANCE);
        compare(config, model, manager, new int[] {7}, TOLERANCE);
    }

    /** One batch of random ids, row i holding {@code lengths[i]} real tokens, padded to the longest. */
    private static void compare(Gpt2Config config, Gpt2Model model, NDManager manager, int[] lengths, double tolerance) {
        int t = java.util.Arrays.stream(lengths).max().orElseThrow();
        SplittableRandom random = new SplittableRandom(3 + t);
        long[][] ids = new long[lengths.length][t];
        for (long[] row : ids) {
            for (int i = 0; i < t; i++) {
                row[i] = random.nextInt(config.vocabSize());
            }
        }
        ForwardRequest request = ForwardRequest.allLayers(model, true);
        try (NDManager scope = manager.newSubManager()) {
            long[] flat = TransformerModel.checkedIds(ids, config);
            ForwardOutput fused = model.fusedForward(scope, flat, ids.length, t, request);
            assertThat(fused).as("the OpenBLAS path ran").isNotNull();
            ForwardOutput viaForward = model.forward(scope, ids, lengths, request);
            assertThat(viaForward.layer(1).toFloatArray()).as("forward takes the OpenBLAS path")
                    .isEqualTo(fused.layer(1).toFloatArray());
            List<NDArray> reference = libtorchLayers(config, model, scope, ids);
            int layers = model.layerNames().size();
            assertThat(reference).hasSize(layers + 1);
            for (int l = 0; l < layers; l++) {
                assertThat(fused.layer(l).getShape()).isEqualTo(reference.get(l).getShape());
                assertThat(TestData.maxRelativeError(fused.layer(l).toFloatArray(), 0, reference.get(l).toFloatArray()))
                        .as(config + " " + model.layerNames().get(l) + ", B×T " + ids.length + "×" + t).isLessThanOrEqualTo(tolerance);
            }
            assertThat(fused.logits().getShape()).isEqualTo(reference.get(layers).getShape());
            assertThat(TestData.maxRelativeError(fused.logits().toFloatArray(), 0, reference.get(layers).toFloatArray()))
                    .as(config + " logits").isLessThanOrEqualTo(tolerance);
        }
    }

    /** Every layer's output and then the logits, through libtorch's operations. */
    private static List<NDArray> libtorchLayers(Gpt2Config config, Gpt2Model model, NDManager scope, long[][] ids) {
        int b = ids.length;
        int t = ids[0].length;
        long[] flat = new long[b * t];
        for (int r = 0; r < b; r++) {
            System.arraycopy(ids[r], 0, flat, r * t, t);
        }
        List<NDArray> out = new ArrayList<>();
        NDArray x = Gpt2Model.embed(model::p, scope.create(flat, new Shape(b, t)), t);
        out.add(x);
        NDArray mask = Ops.causalMask(scope, t);
        for (int i = 0; i < config.numLayers(); i++) {
            x = Gpt2Model.block(config, model::p, i, x, mask, null);
            out.add(x);
        }
        NDArray normed = Gpt2Model.finalNorm(config, model::p, x);
        out.add(normed);
        out.add(Gpt2Model.lmHead(config, model::p, normed));
        return out;
    }
}
