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
        return org.brainalign.core.testing.Shared.require(org.brainalign.core.testing.Shared.Part.FIXTURES);
    }

    /** The shared data directory: {@code BRAINALIGN_DATA}, else the build's default next to the checkout. */
    public static Path data() {
        return org.brainalign.core.testing.Shared.require(org.brainalign.core.testing.Shared.Part.DATA);
    }

    /** The shared models directory: {@code BRAINALIGN_MODELS}, else the build's default next to the checkout. */
    public static Path models() {
        return org.brainalign.core.testing.Shared.require(org.brainalign.core.testing.Shared.Part.MODELS);
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
