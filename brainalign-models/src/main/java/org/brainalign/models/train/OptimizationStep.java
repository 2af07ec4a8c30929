package org.brainalign.models.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * One optimisation step of a {@link TrainableGpt2}: forward under a gradient collector, mean
 * next-token cross-entropy plus (optionally) the spatial loss with the step's neighbourhoods,
 * backward, global gradient-norm clipping, AdamW, and zeroed gradients. Every tensor it creates
 * belongs to the caller's per-step scope. Used by {@link Trainer} and by the training benchmark.
 */
public final class OptimizationStep {

    /** Losses of one step: total, spatial part (NaN without topography), and the gradient norm before clipping. */
    public record Result(double loss, double spatialLoss, double gradientNorm) {
    }

    private OptimizationStep() {
    }

    /**
     * Runs the step; {@code spatialRandom} draws the neighbourhoods (ignored when {@code spatial} is
     * null) and {@code clip} ≤ 0 disables clipping. Non-finite gradients raise an error naming the
     * affected tensors, before the parameters change.
     */
    public static Result run(NDManager scope, TrainableGpt2 model, AdamW adam, SpatialLoss spatial, TokenCorpus.Batch batch,
                             SplittableRandom spatialRandom, double lr, double clip) {
        NDArray loss;
        NDArray spatialLoss = null;
        try (GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
            TrainableGpt2.Forward forward = model.forward(scope, batch.inputs());
            loss = TrainableGpt2.crossEntropy(scope, forward.logits(), batch.targets());
            if (spatial != null) {
                spatialLoss = spatial.loss(scope, forward.spatial(), spatialRandom);
                loss = loss.add(spatialLoss);
            }
            collector.backward(loss);
        }
        JniUtils.setGradMode(false);
        Map<String, NDArray> gradients = new LinkedHashMap<>();
        NDArray squares = null;
        for (var e : model.parameters().entrySet()) {
            NDArray g = e.getValue().getGradient();
            g.attach(scope);
            gradients.put(e.getKey(), g);
            NDArray s = g.square().sum();
            squares = squares == null ? s : squares.add(s);
        }
        double norm = Math.sqrt(squares.getFloat());
        if (!Double.isFinite(norm)) {
            List<String> bad = gradients.entrySet().stream()
                    .filter(e -> !Double.isFinite(e.getValue().square().sum().getFloat())).map(Map.Entry::getKey).toList();
            throw new IllegalStateException("non-finite gradients in " + bad + " (loss " + loss.getFloat() + ")");
        }
        if (clip > 0 && norm > clip) {
            float scale = (float) (clip / (norm + 1e-6));
            gradients.values().forEach(g -> g.muli(scale));
        }
        adam.step(scope, gradients, lr);
        gradients.values().forEach(g -> g.subi(g));
        return new Result(loss.getFloat(), spatialLoss == null ? Double.NaN : spatialLoss.getFloat(), norm);
    }
}
