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
            assertThat(index.body()).contains("<table id='leaderboard'>").contains("randomembedding-100").contains("tiny-gpt2")
                    .contains("<svg");
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

    private static HttpResponse<String> get(HttpClient http, String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
