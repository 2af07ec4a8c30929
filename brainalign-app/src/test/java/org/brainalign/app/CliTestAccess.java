package org.brainalign.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

/** Lets tests in other packages run {@code score} through the real command line. */
public final class CliTestAccess {
    private CliTestAccess() {}

    public static String tinyGpt2() {
        return CliTest.fixture("tiny-gpt2").toString();
    }

    public static void score(Path cacheDir, String model, String benchmark) {
        CliTest.Run r = CliTest.run("score", "--cache-dir", cacheDir.toString(), "--model", model, "--benchmark", benchmark,
                "--simulated", "--no-progress");
        assertThat(r.code()).as(r.err()).isZero();
    }
}
