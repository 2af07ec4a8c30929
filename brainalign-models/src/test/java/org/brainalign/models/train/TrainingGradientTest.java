package org.brainalign.models.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.brainalign.models.config.Activation;
import org.brainalign.models.config.Gpt2Config;
import org.brainalign.models.nn.ForwardRequest;
import org.brainalign.models.nn.TransformerModel;
import org.brainalign.models.untrained.UntrainedWeights;
import org.junit.jupiter.api.Test;

/**
 * The training step's loss and gradients: every parameter tensor's gradient against central finite
 * differences in float64 (along a random direction through the whole tensor, and at single
 * entries), with and without the TopoLM spatial loss; and the training graph's logits and loss
 * against the inference path's forward on the same weights.
 */
class TrainingGradientTest {

    /** A tiny GPT-2 with a wide init so the network is far from its linear regime. */
    private static final Gpt2Config TINY = new Gpt2Config(2, 16, 2, 37, 8, 40, 1e-5, Activation.GELU_TANH, true, false,
            0.25, true);
    private static final long SEED = 11;

    private static long[][] ids(int b, int t, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        long[][] ids = new long[b][t];
        for (long[] row : ids) {
            for (int i = 0; i < t; i++) {
                row[i] = rng.nextInt(TINY.vocabSize());
            }
        }
        return ids;
    }

    private static SpatialLoss spatial() {
        List<UnitGrid> grids = new ArrayList<>();
        for (int i = 0; i < 2 * TINY.numLayers(); i++) {
            grids.add(UnitGrid.random(TINY.hiddenSize(), 100 + i));
        }
        return new SpatialLoss(grids, 2, 2, 2.5);
    }

    /** Total loss of the model on a fixed batch with fixed neighbourhoods. */
    private static double loss(NDManager root, TrainableGpt2 model, long[][] in, long[][] target, SpatialLoss spatial,
                               List<int[][]> hoods) {
        try (NDManager scope = root.newSubManager()) {
            TrainableGpt2.Forward f = model.forward(scope, in);
            NDArray loss = TrainableGpt2.crossEntropy(scope, f.logits(), target);
            if (spatial != null) {
                loss = loss.add(spatial.loss(scope, f.spatial(), hoods));
            }
            return loss.toType(DataType.FLOAT64, false).getDouble();
        }
    }

    @Test
    void gradientsOfEveryParameterMatchFiniteDifferences() {
        for (boolean topo : new boolean[] {false, true}) {
            checkGradients(topo);
        }
    }

    private void checkGradients(boolean topo) {
        long[][] in = ids(2, 6, 1);
        long[][] target = ids(2, 6, 2);
        SpatialLoss spatial = topo ? spatial() : null;
        List<int[][]> hoods = new ArrayList<>();
        if (topo) {
            SplittableRandom rng = new SplittableRandom(5);
            for (int l = 0; l < spatial.grids().size(); l++) {
                hoods.add(spatial.sample(l, rng));
            }
        }
        try (NDManager root = NDManager.newBaseManager();
             TrainableGpt2 model = TrainableGpt2.create(TINY, new UntrainedWeights(SEED), root, DataType.FLOAT64)) {
            Map<String, double[]> grads = new LinkedHashMap<>();
            double analyticLoss;
            try (NDManager scope = root.newSubManager()) {
                NDArray loss;
                try (GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
                    TrainableGpt2.Forward f = model.forward(scope, in);
                    loss = TrainableGpt2.crossEntropy(scope, f.logits(), target);
                    if (topo) {
                        loss = loss.add(spatial.loss(scope, f.spatial(), hoods));
                    }
                    // Every tensor autograd saved must outlive a garbage collection before the backward pass
                    // (DJL frees the buffers of closed scalar arrays; a saved one read after that gives NaN).
                    System.gc();
                    sleep();
                    collector.backward(loss);
                }
                JniUtils.setGradMode(false);
                analyticLoss = loss.getDouble();
                for (var e : model.parameters().entrySet()) {
                    NDArray g = e.getValue().getGradient();
                    g.attach(scope);
                    grads.put(e.getKey(), g.toDoubleArray());
                    g.subi(g);
                }
            }
            assertThat(loss(root, model, in, target, spatial, hoods)).isCloseTo(analyticLoss, within(1e-12));
            assertThat(grads.size()).as("wte, wpe, ln_f and 12 tensors per block").isEqualTo(4 + 12 * TINY.numLayers());
            double eps = 1e-6;
            SplittableRandom rng = new SplittableRandom(9);
            for (var e : model.parameters().entrySet()) {
                NDArray p = e.getValue();
                double[] g = grads.get(e.getKey());
                int n = g.length;
                // a random direction through the whole tensor
                double[] d = new double[n];
                double analytic = 0;
                for (int i = 0; i < n; i++) {
                    d[i] = rng.nextDouble(-1, 1);
                    analytic += d[i] * g[i];
                }
                double numeric = central(root, model, p, d, eps, in, target, spatial, hoods);
                assertThat(numeric).as("%s (topo=%s): directional derivative", e.getKey(), topo)
                        .isCloseTo(analytic, within(1e-7 + 1e-6 * Math.abs(analytic)));
                // three single entries, the largest-gradient one among them
                int largest = 0;
                for (int i = 1; i < n; i++) {
                    largest = Math.abs(g[i]) > Math.abs(g[largest]) ? i : largest;
                }
                for (int i : new int[] {largest, rng.nextInt(n), rng.nextInt(n)}) {
                    double[] unit = new double[n];
                    unit[i] = 1;
                    double single = central(root, model, p, unit, eps, in, target, spatial, hoods);
                    assertThat(single).as("%s[%d] (topo=%s)", e.getKey(), i, topo)
                            .isCloseTo(g[i], within(1e-7 + 1e-6 * Math.abs(g[i])));
                }
            }
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(100); // lets the cleaner thread release unreachable direct buffers
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static double central(NDManager root, TrainableGpt2 model, NDArray p, double[] d, double eps, long[][] in,
                                  long[][] target, SpatialLoss spatial, List<int[][]> hoods) {
        try (NDManager scope = root.newSubManager()) {
            NDArray step = scope.create(d, p.getShape()).mul(eps);
            p.addi(step);
            double plus = loss(root, model, in, target, spatial, hoods);
            p.subi(step).subi(step);
            double minus = loss(root, model, in, target, spatial, hoods);
            p.addi(step);
            return (plus - minus) / (2 * eps);
        }
    }

    @Test
    void trainingGraphGivesTheInferencePathsLogitsAndLoss() {
        Gpt2Config config = Gpt2Config.of(2, 32, 4, 50, 16);
        long[][] in = new long[][] {{3, 14, 15, 9, 26, 5, 35, 8, 9, 7, 9, 3}, {2, 7, 18, 28, 18, 28, 45, 9, 0, 4, 5, 2}};
        long[][] target = new long[][] {{14, 15, 9, 26, 5, 35, 8, 9, 7, 9, 3, 2}, {7, 18, 28, 18, 28, 45, 9, 0, 4, 5, 2, 3}};
        try (NDManager root = NDManager.newBaseManager();
             TrainableGpt2 train = TrainableGpt2.create(config, new UntrainedWeights(3), root, DataType.FLOAT32);
             TransformerModel infer = TransformerModel.create(config, new UntrainedWeights(3), root);
             NDManager scope = root.newSubManager()) {
            float[] a = train.forward(scope, in).logits().toFloatArray();
            float[] b = infer.forward(scope, in, new ForwardRequest(new BitSet(), true)).logits().toFloatArray();
            assertThat(a).hasSameSizeAs(b);
            for (int i = 0; i < a.length; i++) {
                assertThat(a[i]).as("logit %d", i).isCloseTo(b[i], within(1e-5f));
            }
            // cross-entropy from the inference logits, on the host in double
            int v = config.vocabSize();
            double sum = 0;
            for (int r = 0; r < in.length; r++) {
                for (int t = 0; t < in[r].length; t++) {
                    int base = (r * in[r].length + t) * v;
                    double max = Double.NEGATIVE_INFINITY;
                    for (int k = 0; k < v; k++) {
                        max = Math.max(max, b[base + k]);
                    }
                    double z = 0;
                    for (int k = 0; k < v; k++) {
                        z += Math.exp(b[base + k] - max);
                    }
                    sum += max + Math.log(z) - b[base + (int) target[r][t]];
                }
            }
            double reference = sum / (in.length * in[0].length);
            double loss = TrainableGpt2.crossEntropy(scope, train.forward(scope, in).logits(), target).getFloat();
            assertThat(loss).isCloseTo(reference, within(1e-5));
            assertThat(reference).as("an untrained model is near uniform").isCloseTo(Math.log(v), within(0.05));
        }
    }
}
