package org.brainalign.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.brainalign.benchmarks.data.DataDirectory;

/**
 * The shared data directory for tests: {@code BRAINALIGN_DATA}, else the build's default next to the
 * checkout ({@link org.brainalign.core.testing.Shared}); a test is skipped, with the reason, when it is absent.
 */
public final class TestData {
    private TestData() {}

    public static DataDirectory shared() {
        return new DataDirectory(org.brainalign.core.testing.Shared.require(org.brainalign.core.testing.Shared.Part.DATA));
    }
}
