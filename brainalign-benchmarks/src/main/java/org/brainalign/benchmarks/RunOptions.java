package org.brainalign.benchmarks;

/**
 * Per-run choices for {@link Benchmark#score}: recompute the ceiling from data instead of using the
 * published one, the seed of the bootstrap confidence intervals, and a progress listener.
 */
public record RunOptions(boolean recomputeCeiling, long bootstrapSeed, Progress progress, LayerSink sink,
        FeatureCache cache) {

    /**
     * Stores a subject's features for a stimulus set, keyed by a hash of the stimuli as presented
     * (the implementation adds the model side of the key: weights, tokenizer, context policy, layers).
     */
    public interface FeatureCache {
        java.util.Optional<java.util.Map<String, org.brainalign.core.linalg.DMatrix>> load(String stimuliHash);

        void save(String stimuliHash, java.util.Map<String, org.brainalign.core.linalg.DMatrix> features);

        FeatureCache NONE = new FeatureCache() {
            @Override
            public java.util.Optional<java.util.Map<String, org.brainalign.core.linalg.DMatrix>> load(String stimuliHash) {
                return java.util.Optional.empty();
            }

            @Override
            public void save(String stimuliHash, java.util.Map<String, org.brainalign.core.linalg.DMatrix> features) {}
        };
    }

    /** Receives each layer's score as soon as it is computed (e.g. to record it before the next one). */
    @FunctionalInterface
    public interface LayerSink {
        void accept(String benchmarkId, org.brainalign.core.ceiling.Ceiling ceiling, org.brainalign.core.score.LayerScore layer);

        LayerSink NONE = (benchmarkId, ceiling, layer) -> {};
    }

    public RunOptions(boolean recomputeCeiling, long bootstrapSeed, Progress progress) {
        this(recomputeCeiling, bootstrapSeed, progress, LayerSink.NONE, FeatureCache.NONE);
    }

    public RunOptions(boolean recomputeCeiling, long bootstrapSeed, Progress progress, LayerSink sink) {
        this(recomputeCeiling, bootstrapSeed, progress, sink, FeatureCache.NONE);
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
        cache = cache == null ? FeatureCache.NONE : cache;
    }

    /** Published ceilings, seed 0, no progress output. */
    public static RunOptions defaults() {
        return new RunOptions(false, 0, Progress.NONE);
    }
}
