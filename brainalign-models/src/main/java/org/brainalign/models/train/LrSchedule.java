package org.brainalign.models.train;

/**
 * The learning rate of each step: linear warm-up from {@code peak / warmup} to {@code peak} over
 * the first {@code warmup} steps, then a half cosine from {@code peak} down to {@code floor} at the
 * last step (nanoGPT's and TopoLM's schedule, with the decay ending at the run's final step).
 *
 * @param peak learning rate reached at the end of warm-up
 * @param floor learning rate at the final step
 * @param warmup number of warm-up steps (0 for none)
 * @param steps total number of optimisation steps
 */
public record LrSchedule(double peak, double floor, int warmup, int steps) {

    public LrSchedule {
        if (!(peak > 0) || floor < 0 || floor > peak) {
            throw new IllegalArgumentException("learning rates must satisfy 0 ≤ min (" + floor + ") ≤ max (" + peak
                    + ") and max > 0");
        }
        if (steps < 1 || warmup < 0 || warmup >= steps) {
            throw new IllegalArgumentException("warm-up (" + warmup + " steps) must be shorter than the run (" + steps
                    + " steps)");
        }
    }

    /** The learning rate of step {@code step} (0-based). */
    public double at(int step) {
        if (step < warmup) {
            return peak * (step + 1) / warmup;
        }
        int span = steps - 1 - warmup;
        double progress = span == 0 ? 1 : Math.min(1.0, (double) (step - warmup) / span);
        return floor + 0.5 * (1 + Math.cos(Math.PI * progress)) * (peak - floor);
    }
}
