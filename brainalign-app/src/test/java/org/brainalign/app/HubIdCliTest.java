package org.brainalign.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.brainalign.app.leaderboard.LeaderboardServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hub ids as a Brain-Score Language user types them, read offline from a HuggingFace cache laid out
 * as {@code huggingface_hub} writes it ({@code models--org--name/refs/main} and
 * {@code snapshots/<commit>}); the build points {@code HF_HUB_CACHE} at a folder of its own.
 */
class HubIdCliTest {
    @TempDir
    Path tmp;

    private static Path hubCache() {
        String env = System.getenv("HF_HUB_CACHE");
        assertThat(env).as("the build sets HF_HUB_CACHE for tests").isNotBlank();
        return Path.of(env);
    }

    /** Puts the tiny-gpt2 fixture into the cache as {@code id} at {@code commit}, with refs/main naming it. */
    private static void cache(String id, String commit) throws Exception {
        Path repo = hubCache().resolve("models--" + id.replace("/", "--"));
        Path snap = Files.createDirectories(repo.resolve("snapshots").resolve(commit));
        try (Stream<Path> files = Files.list(CliTest.fixture("tiny-gpt2"))) {
            for (Path f : files.toList()) {
                Path target = snap.resolve(f.getFileName());
                if (!Files.exists(target)) {
                    Files.copy(f, target);
                }
            }
        }
        Files.createDirectories(repo.resolve("refs"));
        Files.writeString(repo.resolve("refs").resolve("main"), commit);
    }

    @Test
    void anOrgSlashNameIdScoresFromTheCacheUnderItsOwnId() throws Exception {
        cache("brainalign-test/tiny-gpt2", "0123456789abcdef0123456789abcdef01234567");
        Path cacheDir = tmp.resolve("cache");
        CliTest.Run r = CliTest.run("score", "--model", "brainalign-test/tiny-gpt2", "--benchmark", "Tuckute2024-linear",
                "--layers", "transformer.h.0", "--cache-dir", cacheDir.toString(), "--no-progress");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("as brainalign-test/tiny-gpt2");
        CliTest.Run act = CliTest.run("activations", "--model", "brainalign-test/tiny-gpt2", "--text", "The cat sat.");
        assertThat(act.code()).as(act.err()).isZero();
        assertThat(act.out()).contains("brainalign-test/tiny-gpt2").contains("transformer.h.2");

        // The leaderboard links to the model's page although its id holds a slash.
        HttpClient http = HttpClient.newHttpClient();
        try (LeaderboardServer server = LeaderboardServer.start(cacheDir.resolve("results.db"), "127.0.0.1", 0)) {
            String base = "http://127.0.0.1:" + server.port();
            String index = http.send(HttpRequest.newBuilder(URI.create(base + "/")).build(), HttpResponse.BodyHandlers.ofString())
                    .body();
            String link = "/model/" + URLEncoder.encode("brainalign-test/tiny-gpt2", StandardCharsets.UTF_8);
            assertThat(index).contains(link);
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(base + link)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
            assertThat(page.body()).contains("brainalign-test/tiny-gpt2");
        }
    }

    @Test
    void aBareIdResolvesAndAMissingOneIsOneLineNamingTheDownload() throws Exception {
        cache("tiny-gpt2-bare", "fedcba9876543210fedcba9876543210fedcba98");
        CliTest.Run bare = CliTest.run("activations", "--model", "tiny-gpt2-bare", "--text", "Hello there.");
        assertThat(bare.code()).as(bare.err()).isZero();

        for (String id : new String[] {"gpt2", "nobody/absent-model"}) {
            CliTest.Run missing = CliTest.run("score", "--model", id, "--benchmark", "Tuckute2024-linear", "--cache-dir",
                    tmp.resolve("c").toString(), "--no-progress");
            assertThat(missing.code()).isEqualTo(2);
            assertThat(missing.err().strip()).doesNotContain("\n").contains("not in the local HuggingFace cache")
                    .contains(hubCache().resolve("models--" + id.replace("/", "--")).toString())
                    .contains("huggingface-cli download " + id).doesNotContain("untrained");
            CliTest.Run act = CliTest.run("activations", "--model", id, "--text", "Hello.");
            assertThat(act.code()).isEqualTo(2);
            assertThat(act.err()).contains("huggingface-cli download " + id);
        }
    }
}
