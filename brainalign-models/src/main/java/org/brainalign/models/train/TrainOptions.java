package org.brainalign.models.train;

import com.google.gson.JsonObject;

/**
 * Everything that determines a training run besides its text and tokenizer: the GPT-2 shape, the
 * batch geometry, the optimiser and schedule, the seed, the optional TopoLM spatial loss, and how
 * often to validate and checkpoint. A resumed run must be given the same options.
 *
 * @param layers transformer blocks
 * @param width hidden size C (a square number when {@code topo} is set)
 * @param heads attention heads (dividing {@code width})
 * @param context tokens per training window T (also the model's n_positions)
 * @param batch windows per step B
 * @param steps optimisation steps
 * @param seed seed of the initial weights, the batches, the unit positions and the neighbourhoods
 * @param maxLr peak learning rate
 * @param minLr final learning rate of the cosine decay
 * @param warmup linear warm-up steps
 * @param adam AdamW betas, epsilon and weight decay
 * @param clip global gradient-norm limit (≤ 0 for none)
 * @param topo whether to add the spatial loss
 * @param topoAlpha weight α of the summed spatial layer losses
 * @param topoRadius neighbourhood Chebyshev radius
 * @param topoNeighbourhoods neighbourhoods sampled per layer and step
 * @param validationFraction share of the text's tokens held out for validation
 * @param evalEvery steps between validation passes
 * @param evalWindows validation windows per pass (capped by what the text has)
 * @param checkpointEvery steps between checkpoints
 */
public record TrainOptions(int layers, int width, int heads, int context, int batch, int steps, long seed, double maxLr,
                           double minLr, int warmup, AdamW.Settings adam, double clip, boolean topo, double topoAlpha,
                           int topoRadius, int topoNeighbourhoods, double validationFraction, int evalEvery, int evalWindows,
                           int checkpointEvery) {

    public TrainOptions {
        positive("--layers", layers);
        positive("--width", width);
        positive("--heads", heads);
        positive("--context", context);
        positive("--batch", batch);
        positive("--steps", steps);
        positive("--eval-every", evalEvery);
        positive("--eval-windows", evalWindows);
        positive("--checkpoint-every", checkpointEvery);
        if (width % heads != 0) {
            throw new IllegalArgumentException("--width " + width + " is not divisible by --heads " + heads);
        }
        if (topo) {
            UnitGrid.sideFor(width);
        }
        new LrSchedule(maxLr, minLr, warmup, steps); // validates the schedule
    }

    private static void positive(String option, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(option + " must be positive, got " + value);
        }
    }

    /** The schedule these options describe. */
    public LrSchedule schedule() {
        return new LrSchedule(maxLr, minLr, warmup, steps);
    }

    /** The options as JSON (stored with a run so that a resume can check it continues the same run). */
    public JsonObject toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("layers", layers);
        o.addProperty("width", width);
        o.addProperty("heads", heads);
        o.addProperty("context", context);
        o.addProperty("batch", batch);
        o.addProperty("steps", steps);
        o.addProperty("seed", seed);
        o.addProperty("max_lr", maxLr);
        o.addProperty("min_lr", minLr);
        o.addProperty("warmup", warmup);
        o.addProperty("beta1", adam.beta1());
        o.addProperty("beta2", adam.beta2());
        o.addProperty("adam_eps", adam.epsilon());
        o.addProperty("weight_decay", adam.weightDecay());
        o.addProperty("clip", clip);
        o.addProperty("topo", topo);
        o.addProperty("topo_alpha", topoAlpha);
        o.addProperty("topo_radius", topoRadius);
        o.addProperty("topo_neighbourhoods", topoNeighbourhoods);
        o.addProperty("validation_fraction", validationFraction);
        o.addProperty("eval_every", evalEvery);
        o.addProperty("eval_windows", evalWindows);
        o.addProperty("checkpoint_every", checkpointEvery);
        return o;
    }
}
