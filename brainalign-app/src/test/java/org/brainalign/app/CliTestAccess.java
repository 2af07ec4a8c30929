package org.brainalign.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

/** Lets tests in other packages run {@code score} through the real command line. */
public final class CliTestAccess {
    private CliTestAccess() {}

    public static String tinyGpt2() {
        return CliTest.fixture("tiny-gpt2").toString();
    }

    /** What a command printed and returned. */
    public record Result(int code, String out, String err) {}

    public static Result run(String... args) {
        CliTest.Run r = CliTest.run(args);
        return new Result(r.code(), r.out(), r.err());
    }

    /** Scores {@code model} on {@code benchmark} on the real data of the shared data directory. */
    public static void score(Path cacheDir, String model, String benchmark) {
        CliTest.Run r = CliTest.run("score", "--cache-dir", cacheDir.toString(), "--model", model, "--benchmark", benchmark,
                "--no-progress");
        assertThat(r.code()).as(r.err()).isZero();
    }
}
