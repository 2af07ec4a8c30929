package org.brainalign.benchmarks;

/**
 * Per-run choices for {@link Benchmark#score}: recompute the ceiling from data instead of using the
 * published one, the seed of the bootstrap confidence intervals, and a progress listener.
 */
public record RunOptions(boolean recomputeCeiling, long bootstrapSeed, Progress progress, LayerSink sink) {

    /** Receives each layer's score as soon as it is computed (e.g. to record it before the next one). */
    @FunctionalInterface
    public interface LayerSink {
        void accept(String benchmarkId, org.brainalign.core.ceiling.Ceiling ceiling, org.brainalign.core.score.LayerScore layer);

        LayerSink NONE = (benchmarkId, ceiling, layer) -> {};
    }

    public RunOptions(boolean recomputeCeiling, long bootstrapSeed, Progress progress) {
        this(recomputeCeiling, bootstrapSeed, progress, LayerSink.NONE);
    }

    /** Receives progress: a phase name, steps done, steps in all. */
    @FunctionalInterface
    public interface Progress {
        void update(String phase, long done, long total);

        Progress NONE = (phase, done, total) -> {};
    }

    public RunOptions {
        progress = progress == null ? Progress.NONE : progress;
        sink = sink == null ? LayerSink.NONE : sink;
    }

    /** Published ceilings, seed 0, no progress output. */
    public static RunOptions defaults() {
        return new RunOptions(false, 0, Progress.NONE);
    }
}
