package org.brainalign.app.leaderboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.brainalign.app.CliTestAccess;
import org.brainalign.app.store.ResultsStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two training runs saved as {@code runA/final} and {@code runB/final}, whose weights differ only
 * after the first MiB: both are scored into one store, neither replaces the other, and each has its
 * own id, row and page.
 */
class SameNameCheckpointsTest {
    @TempDir
    Path tmp;

    private Path copyOfTinyGpt2(String run) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve(run).resolve("final"));
        try (Stream<Path> files = Files.list(Path.of(CliTestAccess.tinyGpt2()))) {
            for (Path f : files.toList()) {
                Files.copy(f, dir.resolve(f.getFileName()));
            }
        }
        return dir;
    }

    @Test
    void twoDirectoriesNamedFinalKeepTheirOwnRowsAndPages() throws Exception {
        Path a = copyOfTinyGpt2("runA");
        Path b = copyOfTinyGpt2("runB");
        Path weights = b.resolve("model.safetensors");
        byte[] bytes = Files.readAllBytes(weights);
        assertThat(bytes.length).as("the fixture's weights reach past the first MiB").isGreaterThan((1 << 20) + 8);
        // The last float32 of the file (the last tensor's last value) becomes 0.5: a valid, different checkpoint.
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putFloat(bytes.length - 4, 0.5f);
        Files.write(weights, bytes);

        Path cache = tmp.resolve("cache");
        Path db = cache.resolve("results.db");
        String[] common = {"--cache-dir", cache.toString(), "--benchmark", "Tuckute2024-linear", "--layers", "transformer.h.0",
                "--no-progress", "--no-activation-cache"};
        CliTestAccess.Result first = CliTestAccess.run(concat(new String[] {"score", "--model", a.toString()}, common));
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(first.out()).contains("as final").doesNotContain("note:");
        CliTestAccess.Result second = CliTestAccess.run(concat(new String[] {"score", "--model", b.toString()}, common));
        assertThat(second.code()).as(second.err()).isZero();
        assertThat(second.out()).contains("note: the store already holds 'final' from another checkpoint").contains("both are kept");

        List<ResultsStore.ModelKey> keys;
        try (ResultsStore store = ResultsStore.open(db)) {
            keys = store.models();
            assertThat(store.rowCount()).as("one row per run, none replaced").isEqualTo(2);
        }
        assertThat(keys).hasSize(2);
        assertThat(keys.get(0).model()).isEqualTo("final");
        assertThat(keys.get(1).model()).startsWith("final@").hasSize("final@".length() + 8);
        assertThat(keys.get(0).checkpoint()).isNotEqualTo(keys.get(1).checkpoint());
        assertThat(keys.get(1).checkpoint()).startsWith("sha256:" + keys.get(1).model().substring("final@".length()));

        // Scoring runB again finds its own id again (a resume would too); runA keeps the plain name.
        CliTestAccess.Result again = CliTestAccess.run(concat(new String[] {"score", "--model", b.toString()}, common));
        assertThat(again.out()).contains("as " + keys.get(1).model());
        try (ResultsStore store = ResultsStore.open(db)) {
            assertThat(store.rowCount()).isEqualTo(2);
        }

        HttpClient http = HttpClient.newHttpClient();
        try (LeaderboardServer server = LeaderboardServer.start(db, "127.0.0.1", 0)) {
            String base = "http://127.0.0.1:" + server.port();
            String index = get(http, base + "/").body();
            assertThat(index).contains("/model/final'").contains("/model/" + keys.get(1).model().replace("@", "%40") + "'");
            for (ResultsStore.ModelKey k : keys) {
                HttpResponse<String> page = get(http, base + "/model/" + k.model().replace("@", "%40"));
                assertThat(page.statusCode()).isEqualTo(200);
                assertThat(page.body()).contains(k.checkpoint());
            }
        }
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static HttpResponse<String> get(HttpClient http, String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
