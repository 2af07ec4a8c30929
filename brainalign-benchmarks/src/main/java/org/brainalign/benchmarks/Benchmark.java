package org.brainalign.benchmarks;

import org.brainalign.core.score.Score;
import org.brainalign.core.subject.Subject;

/**
 * A benchmark: data plus the experiment a {@link Subject} is put through plus the metric and
 * ceiling that turn its answers into a {@link Score}. Identified as BSL identifies it
 * ({@code Pereira2018.243sentences-ridge}); {@link #version()} changes whenever a change could move
 * a score.
 */
public interface Benchmark {

    String id();

    int version();

    /** One line: data, context policy, metric, ceiling. */
    String description();

    /** How the subject sees context (per passage, per story, per sentence, none, whole corpus). */
    String contextPolicy();

    /**
     * Loads and validates the benchmark's data now, so that missing or corrupt files are reported
     * before any model is loaded. Scoring calls it too; calling it twice costs nothing.
     */
    void prepareData();

    /** Scores a subject; {@code options} carries seeds, ceiling policy and progress reporting. */
    Score score(Subject subject, RunOptions options);
}
