package org.brainalign.benchmarks;

import java.util.Map;

/**
 * What produced a score besides the model: the seed of each random stream by role
 * ({@code bootstrap}, {@code splits}, {@code ceiling}), the SHA-256 of every data file read, and the
 * split policy in one line. A benchmark derives it from its metric and ceiling
 * ({@link Benchmark#provenance}), so it is stated once.
 */
public record Provenance(Map<String, Long> seeds, Map<String, String> dataChecksums, String splitPolicy) {
    public Provenance {
        seeds = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(seeds));
        dataChecksums = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(dataChecksums));
    }
}
