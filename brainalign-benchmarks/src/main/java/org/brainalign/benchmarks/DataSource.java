package org.brainalign.benchmarks;

import org.brainalign.benchmarks.data.DataCatalog;
import org.brainalign.benchmarks.data.DataDirectory;

/**
 * Where a benchmark's data comes from: the real files in a {@link DataDirectory}, or — with
 * {@code simulated} — a simulated assembly with the benchmark's real stimulus structure
 * (see {@link org.brainalign.benchmarks.simulate.Simulation}). Simulated runs always recompute the
 * ceiling, since published ceilings describe the real recordings. {@code sentences} picks which text
 * of a stimulus set that has two is shown to the subject (Pereira2018's network benchmarks).
 */
public record DataSource(DataDirectory directory, DataCatalog catalog, boolean simulated, Sentences sentences) {

    /** Which text of a sentence is presented where a data set has both. */
    public enum Sentences {
        /** BSL's {@code sentence}: pronouns dereferenced ("Blenders have a glass…"). */
        DEREFERENCED,
        /** The text as shown in the scanner ("It has a glass…"). */
        SHOWN
    }

    public DataSource {
        sentences = sentences == null ? Sentences.DEREFERENCED : sentences;
    }

    public DataSource(DataDirectory directory, DataCatalog catalog, boolean simulated) {
        this(directory, catalog, simulated, Sentences.DEREFERENCED);
    }

    /** Real data from {@code BRAINALIGN_DATA} (or the default cache directory). */
    public static DataSource real() {
        return new DataSource(DataDirectory.fromEnvironment(), DataCatalog.bundled(), false);
    }

    /** Simulated assemblies. */
    public static DataSource simulatedData() {
        return new DataSource(DataDirectory.fromEnvironment(), DataCatalog.bundled(), true);
    }

    /** This source presenting {@code text}. */
    public DataSource withSentences(Sentences text) {
        return new DataSource(directory, catalog, simulated, text);
    }
}
