package org.brainalign.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates the shared reference fixtures for tests: {@code BRAINALIGN_FIXTURES}, else the default
 * the build passes as the system property {@code brainalign.fixtures.default}. A missing
 * directory fails the test (never skips it).
 */
public final class TestData {

    private TestData() {
    }

    public static Path fixtures() {
        String env = System.getenv("BRAINALIGN_FIXTURES");
        String dir = env != null && !env.isBlank() ? env : System.getProperty("brainalign.fixtures.default", "");
        Path path = Path.of(dir);
        assertThat(Files.isDirectory(path))
                .as("reference fixtures not found at '%s'; set BRAINALIGN_FIXTURES to the fixtures directory", dir)
                .isTrue();
        return path;
    }

    /** The shared data directory: {@code BRAINALIGN_DATA}, else the build's default next to the checkout. */
    public static Path data() {
        String env = System.getenv("BRAINALIGN_DATA");
        String dir = env != null && !env.isBlank() ? env : System.getProperty("brainalign.data.default", "");
        Path path = Path.of(dir);
        assertThat(Files.isDirectory(path)).as("data directory not found at '%s'; set BRAINALIGN_DATA", dir).isTrue();
        return path;
    }

    /** The shared models directory: {@code BRAINALIGN_MODELS}, else the build's default next to the checkout. */
    public static Path models() {
        String env = System.getenv("BRAINALIGN_MODELS");
        String dir = env != null && !env.isBlank() ? env : System.getProperty("brainalign.models.default", "");
        Path path = Path.of(dir);
        assertThat(Files.isDirectory(path)).as("models directory not found at '%s'; set BRAINALIGN_MODELS", dir).isTrue();
        return path;
    }

    public static Path fixture(String name) {
        return fixtures().resolve(name);
    }

    /**
     * max|actual[offset + i] − reference[i]| / max|reference[i]| over the reference: the relative
     * error every parity test of the model core bounds.
     */
    public static double maxRelativeError(float[] actual, int offset, float[] reference) {
        double maxDiff = 0;
        double maxRef = 0;
        for (int i = 0; i < reference.length; i++) {
            maxDiff = Math.max(maxDiff, Math.abs(actual[offset + i] - reference[i]));
            maxRef = Math.max(maxRef, Math.abs(reference[i]));
        }
        assertThat(maxRef).as("reference is not all zero").isPositive();
        return maxDiff / maxRef;
    }
}
