package org.brainalign.app.leaderboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonParser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.brainalign.app.CliTestAccess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The web leaderboard over a store seeded by real score runs of two models. */
class LeaderboardServerTest {
    @TempDir
    Path tmp;

    @Test
    void servesRankingModelPagesDownloadsAndRejectsUnknownIds() throws Exception {
        Path cache = tmp.resolve("cache");
        CliTestAccess.score(cache, CliTestAccess.tinyGpt2(), "Tuckute2024-linear");
        CliTestAccess.score(cache, "randomembedding-100", "Tuckute2024-linear");
        HttpClient http = HttpClient.newHttpClient();
        try (LeaderboardServer server = LeaderboardServer.start(cache.resolve("results.db"), "127.0.0.1", 0)) {
            String base = "http://127.0.0.1:" + server.port();
            HttpResponse<String> index = get(http, base + "/");
            assertThat(index.statusCode()).isEqualTo(200);
            // Neither model has a next-word perplexity: the scatter is a sentence saying what to run, not an empty frame.
            assertThat(index.body()).contains("<table id='leaderboard'>").contains("randomembedding-100").contains("tiny-gpt2")
                    .contains("No model in this store has both a next-word perplexity").doesNotContain("<svg");
            var json = JsonParser.parseString(get(http, base + "/api/leaderboard.json").body()).getAsJsonObject();
            var models = json.getAsJsonArray("models");
            assertThat(models).hasSize(2);
            double first = models.get(0).getAsJsonObject().getAsJsonObject("scores").get("average_language").getAsDouble();
            double second = models.get(1).getAsJsonObject().getAsJsonObject("scores").get("average_language").getAsDouble();
            assertThat(first).isGreaterThanOrEqualTo(second);
            assertThat(index.body().indexOf(models.get(0).getAsJsonObject().get("model").getAsString()))
                    .isLessThan(index.body().indexOf(models.get(1).getAsJsonObject().get("model").getAsString()));
            assertThat(get(http, base + "/api/leaderboard.csv").body()).startsWith("rank,model,checkpoint,average_language");
            HttpResponse<String> page = get(http, base + "/model/randomembedding-100");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("Tuckute2024-linear").contains("<polyline class='curve'");
            assertThat(get(http, base + "/api/model/randomembedding-100.json").body()).contains("\"layer\": \"embedding\"");
            assertThat(get(http, base + "/model/no-such-model").statusCode()).isEqualTo(404);
            assertThat(get(http, base + "/model/..%2F..%2Fetc%2Fpasswd").statusCode()).isEqualTo(404);
            assertThat(get(http, base + "/nothing/here").statusCode()).isEqualTo(404);
        }
    }

    @Test
    void reportWritesHtmlPngAndSvgOffline() throws Exception {
        Path cache = tmp.resolve("cache");
        CliTestAccess.score(cache, CliTestAccess.tinyGpt2(), "Tuckute2024-linear");
        CliTestAccess.score(cache, "randomembedding-100", "Tuckute2024-linear");
        Path db = cache.resolve("results.db");
        for (String name : new String[] {"report.html", "report.png", "report.svg"}) {
            CliTestAccess.Result r = CliTestAccess.run("report", "--store", db.toString(), "--out",
                    tmp.resolve(name).toString());
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.out()).contains("wrote");
        }
        String html = java.nio.file.Files.readString(tmp.resolve("report.html"));
        assertThat(html).contains("randomembedding-100").contains("<polyline class='curve'").contains("id='model-tiny-gpt2'");
        var png = javax.imageio.ImageIO.read(tmp.resolve("report.png").toFile());
        assertThat(png.getWidth()).isEqualTo(640);
        assertThat(java.nio.file.Files.readString(tmp.resolve("report-1-Tuckute2024-linear.svg"))).contains("<svg");
        CliTestAccess.Result bad = CliTestAccess.run("report", "--store", db.toString(), "--out", tmp.resolve("r.pdf").toString());
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("must end in .html, .png or .svg");
    }

    private static HttpResponse<String> get(HttpClient http, String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
