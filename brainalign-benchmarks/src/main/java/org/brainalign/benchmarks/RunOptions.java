package org.brainalign.benchmarks;

/**
 * Per-run choices for {@link Benchmark#score}: recompute the ceiling from data instead of using the
 * published one, the seed of the bootstrap confidence intervals, and a progress listener.
 */
public record RunOptions(boolean recomputeCeiling, long bootstrapSeed, Progress progress) {

    /** Receives progress: a phase name, steps done, steps in all. */
    @FunctionalInterface
    public interface Progress {
        void update(String phase, long done, long total);

        Progress NONE = (phase, done, total) -> {};
    }

    public RunOptions {
        progress = progress == null ? Progress.NONE : progress;
    }

    /** Published ceilings, seed 0, no progress output. */
    public static RunOptions defaults() {
        return new RunOptions(false, 0, Progress.NONE);
    }
}
