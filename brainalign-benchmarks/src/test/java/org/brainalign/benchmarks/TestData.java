package org.brainalign.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.brainalign.benchmarks.data.DataDirectory;

/**
 * The shared data directory for tests: {@code BRAINALIGN_DATA}, else the build's default next to the
 * checkout. A missing directory fails the test rather than skipping it.
 */
public final class TestData {
    private TestData() {}

    public static DataDirectory shared() {
        String env = System.getenv("BRAINALIGN_DATA");
        String dir = env != null && !env.isBlank() ? env : System.getProperty("brainalign.data.default", "");
        Path p = Path.of(dir);
        assertThat(Files.isDirectory(p)).as("data directory not found at '%s'; set BRAINALIGN_DATA", dir).isTrue();
        return new DataDirectory(p);
    }
}
