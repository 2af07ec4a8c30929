package org.brainalign.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run resumed from the results store — after a partial run, or with every job already stored —
 * writes the same JSON as a fresh run (seeds, ceiling with its interval, intervals, split × neuroid
 * matrices, checksums, policies), apart from the time it was written. Covers a neural benchmark
 * (computed ceiling) and a behavioural one (no ceiling, one score per suite).
 */
class ResumeEqualsFreshTest {
    @TempDir
    Path tmp;

    private List<String> args(String benchmark, Path store, Path out, String layers, boolean resume) {
        List<String> a = new ArrayList<>(List.of("score", "--model", CliTest.fixture("tiny-gpt2").toString(), "--benchmark",
                benchmark, "--layers", layers, "--store", store.toString(), "--cache-dir",
                tmp.resolve("cache").toString(), "--no-activation-cache", "--full", "--no-progress"));
        if (out != null) {
            a.addAll(List.of("--out", out.toString()));
        }
        if (resume) {
            a.add("--resume");
        }
        if (!benchmark.startsWith("syntaxgym")) {
            a.add("--simulated");
        }
        return a;
    }

    private static JsonObject withoutTime(Path json) throws Exception {
        JsonObject o = JsonParser.parseString(Files.readString(json)).getAsJsonObject();
        assertThat(o.remove("written")).as("the timestamp is there to be ignored").isNotNull();
        return o;
    }

    @Test
    void neuralBenchmarkWithAComputedCeiling() throws Exception {
        JsonObject score = resumedEqualsFresh("Fedorenko2016-linear", "resumed; 1 of 5 layers were already in the store");
        assertThat(score.getAsJsonObject("seeds").keySet()).containsExactlyInAnyOrder("bootstrap", "splits", "ceiling");
        assertThat(score.getAsJsonObject("ceiling").get("lower").isJsonNull()).as("a computed ceiling has an interval").isFalse();
        assertThat(score.getAsJsonArray("layers").get(0).getAsJsonObject().getAsJsonArray("splitByNeuroid").get(0)
                .getAsJsonArray().size()).as("the full split x neuroid matrix").isEqualTo(97);
    }

    @Test
    void behaviouralBenchmarkOnRealData() throws Exception {
        JsonObject score = resumedEqualsFresh("syntaxgym-cleft", "complete in the store; nothing to run");
        assertThat(score.getAsJsonObject("dataChecksums").keySet()).containsExactly("syntaxgym2020/cleft.json");
    }

    /** Runs fresh, partial + resumed, and fully stored + resumed; returns the fresh score after checking all equal. */
    private JsonObject resumedEqualsFresh(String benchmark, String partialMessage) throws Exception {
        Path freshStore = tmp.resolve("fresh.db");
        Path fresh = tmp.resolve("fresh.json");
        CliTest.Run a = CliTest.run(args(benchmark, freshStore, fresh, "all", false).toArray(String[]::new));
        assertThat(a.code()).as(a.err()).isZero();

        // A run that stopped after one layer, then resumed with every layer.
        Path partStore = tmp.resolve("part.db");
        CliTest.Run part = CliTest.run(args(benchmark, partStore, null, "transformer.h.0", false).toArray(String[]::new));
        assertThat(part.code()).as(part.err()).isZero();
        Path resumed = tmp.resolve("resumed.json");
        CliTest.Run b = CliTest.run(args(benchmark, partStore, resumed, "all", true).toArray(String[]::new));
        assertThat(b.code()).as(b.err()).isZero();
        assertThat(b.out()).contains(partialMessage);

        // Every job already in the store: nothing runs, the report comes from the store alone.
        Path stored = tmp.resolve("stored.json");
        CliTest.Run c = CliTest.run(args(benchmark, freshStore, stored, "all", true).toArray(String[]::new));
        assertThat(c.code()).as(c.err()).isZero();
        assertThat(c.out()).contains("complete in the store; nothing to run");

        JsonObject expected = withoutTime(fresh);
        assertThat(withoutTime(resumed)).isEqualTo(expected);
        assertThat(withoutTime(stored)).isEqualTo(expected);
        return expected.getAsJsonArray("scores").get(0).getAsJsonObject();
    }
}
