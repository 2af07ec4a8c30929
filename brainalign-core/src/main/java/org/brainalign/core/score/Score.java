package org.brainalign.core.score;

import java.util.List;
import java.util.Map;
import org.brainalign.core.ceiling.Ceiling;
import org.brainalign.core.metric.Stats;

/**
 * The result of scoring one model on one benchmark, self-describing enough to be compared and
 * reproduced later: benchmark id and version, model id, the ceiling and where it came from, one
 * {@link LayerScore} per scored layer, and the headline numbers — BSL's convention for several
 * layers (PR #361): the mean over layers of the per-layer normalised scores (raw likewise the mean of
 * raw scores). Seeds and data checksums record exactly what produced it; {@code simulated} says the
 * recordings were simulated, so that such a score is labelled wherever it appears and never mixed
 * with real ones.
 */
public record Score(String benchmarkId, int benchmarkVersion, String modelId, Ceiling ceiling, List<LayerScore> layers,
        double raw, double normalized, double unclipped, Map<String, Long> seeds, Map<String, String> dataChecksums,
        String contextPolicy, String splitPolicy, boolean simulated) {

    public Score {
        layers = List.copyOf(layers);
        seeds = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(seeds));
        dataChecksums = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(dataChecksums));
    }

    /** Aggregates per-layer scores into a benchmark score. */
    public static Score of(String benchmarkId, int version, String modelId, Ceiling ceiling, List<LayerScore> layers,
            Map<String, Long> seeds, Map<String, String> dataChecksums, String contextPolicy, String splitPolicy, boolean simulated) {
        double[] raw = layers.stream().mapToDouble(LayerScore::raw).toArray();
        double[] norm = layers.stream().mapToDouble(LayerScore::normalized).toArray();
        double[] unc = layers.stream().mapToDouble(LayerScore::unclipped).toArray();
        return new Score(benchmarkId, version, modelId, ceiling, layers, Stats.nanMean(raw), Stats.nanMean(norm),
                Stats.nanMean(unc), seeds, dataChecksums, contextPolicy, splitPolicy, simulated);
    }

    /** The best layer by normalised score, ties broken by the unclipped ratio (exploration view; the headline is the mean). */
    public LayerScore bestLayer() {
        return best(layers);
    }

    /**
     * The best of some layer scores by normalised score (NaN skipped; null when none is scored). Ties
     * (e.g. several layers clipped to 0) go to the higher unclipped ratio, then the higher raw score.
     */
    public static LayerScore best(List<LayerScore> layers) {
        LayerScore best = null;
        for (LayerScore l : layers) {
            if (!Double.isNaN(l.normalized()) && (best == null || l.normalized() > best.normalized()
                    || l.normalized() == best.normalized() && (l.unclipped() > best.unclipped()
                    || l.unclipped() == best.unclipped() && l.raw() > best.raw()))) {
                best = l;
            }
        }
        return best;
    }
}
