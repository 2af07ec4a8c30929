package org.brainalign.benchmarks;

import org.brainalign.benchmarks.data.DataCatalog;
import org.brainalign.benchmarks.data.DataDirectory;

/**
 * Where a benchmark's data comes from: the real files in a {@link DataDirectory}, or — with
 * {@code simulated} — a simulated assembly with the benchmark's real stimulus structure
 * (see {@link org.brainalign.benchmarks.simulate.Simulation}). Simulated runs always recompute the
 * ceiling, since published ceilings describe the real recordings.
 */
public record DataSource(DataDirectory directory, DataCatalog catalog, boolean simulated) {

    /** Real data from {@code BRAINALIGN_DATA} (or the default cache directory). */
    public static DataSource real() {
        return new DataSource(DataDirectory.fromEnvironment(), DataCatalog.bundled(), false);
    }

    /** Simulated assemblies. */
    public static DataSource simulatedData() {
        return new DataSource(DataDirectory.fromEnvironment(), DataCatalog.bundled(), true);
    }
}
