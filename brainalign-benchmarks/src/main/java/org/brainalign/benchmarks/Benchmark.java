package org.brainalign.benchmarks;

import org.brainalign.core.subject.Needs;
import java.util.List;
import org.brainalign.core.ceiling.Ceiling;
import org.brainalign.core.score.LayerScore;
import org.brainalign.core.score.Score;
import org.brainalign.core.subject.Subject;

/**
 * A benchmark: data plus the experiment a {@link Subject} is put through plus the metric and
 * ceiling that turn its answers into a {@link Score}. Identified as BSL identifies it
 * ({@code Pereira2018.243sentences-ridge}); {@link #version()} changes whenever a change could move
 * a score. Like BSL's benchmark constructor, it carries its own metadata: the leaderboard node its
 * score feeds ({@link #parent()}, see {@link BenchmarkTree}) and the publication it comes from.
 */
public interface Benchmark {

    String id();

    int version();

    /**
     * The node of the leaderboard tree ({@link BenchmarkTree}) whose mean this benchmark's score
     * enters, or null for benchmarks that are not ranked (a local text file, a mean of other leaves).
     */
    String parent();

    /** The publication of the data (and of a published ceiling), as authors and year with a short title. */
    String citation();

    /** One line: data, context policy, metric, ceiling. */
    String description();

    /** How the subject sees context (per passage, per story, per sentence, none, whole corpus). */
    String contextPolicy();

    /**
     * What this benchmark asks of a subject (layer activations, surprisal, next-word predictions), so
     * that a model that cannot provide it is reported before any work starts.
     */
    Needs needs();

    /**
     * Loads and validates the benchmark's data now, so that missing or corrupt files are reported
     * before any model is loaded. Scoring calls it too; calling it twice costs nothing.
     */
    void prepareData();

    /**
     * Whether this benchmark scores against simulated recordings (loads its data to know); such
     * scores are labelled and kept apart from real ones everywhere.
     */
    default boolean simulated() {
        return false;
    }

    /**
     * Whether a NaN score is this benchmark's defined value on its recordings (a representational metric
     * on a single neuroid, say, as BSL computes it), so it may be stored as such; for every other
     * benchmark a NaN or infinite score means broken inputs and is never stored.
     */
    default boolean mayScoreNaN() {
        return false;
    }

    /** Scores a subject; {@code options} carries seeds, ceiling policy and progress reporting. */
    Score score(Subject subject, RunOptions options);

    /**
     * What a score of this benchmark records besides its numbers, for a run with this bootstrap seed
     * and ceiling: the seeds of every random stream (from the metric and ceiling themselves), the data
     * checksums and the split policy.
     */
    Provenance provenance(long bootstrapSeed, Ceiling ceiling);

    /**
     * The one place a {@link Score} of this benchmark is assembled from layer scores — by a fresh run
     * and by a run resumed from the results store alike, so both report the same.
     */
    default Score assemble(String modelId, Ceiling ceiling, List<LayerScore> layers, long bootstrapSeed) {
        Provenance p = provenance(bootstrapSeed, ceiling);
        return Score.of(id(), version(), modelId, ceiling, layers, p.seeds(), p.dataChecksums(), contextPolicy(), p.splitPolicy(),
                p.simulated());
    }
}
