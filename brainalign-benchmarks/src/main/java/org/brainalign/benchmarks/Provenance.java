package org.brainalign.benchmarks;

import java.util.Map;

/**
 * What produced a score besides the model: the seed of each random stream by role
 * ({@code bootstrap}, {@code splits}, {@code ceiling}), the SHA-256 of every data file read, and the
 * split policy in one line, and whether the recordings were simulated. A benchmark derives it from its metric and ceiling
 * ({@link Benchmark#provenance}), so it is stated once.
 */
public record Provenance(Map<String, Long> seeds, Map<String, String> dataChecksums, String splitPolicy, boolean simulated)
        implements java.io.Serializable {
    /** Provenance of a run on real data. */
    public Provenance(Map<String, Long> seeds, Map<String, String> dataChecksums, String splitPolicy) {
        this(seeds, dataChecksums, splitPolicy, false);
    }

    public Provenance {
        seeds = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(seeds));
        dataChecksums = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(dataChecksums));
    }
}
