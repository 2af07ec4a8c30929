package org.brainalign.app.leaderboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonParser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.brainalign.app.CliTestAccess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drives the leaderboard in headless Chromium (Debian's {@code chromium}; {@code .ci/run} installs
 * it): the store is seeded by real {@code score} runs of two untrained models; the rendered page must
 * rank them as the JSON does, sort when asked, and render every plot. Screenshots are kept under
 * {@code target/browser-artifacts}.
 */
class BrowserLeaderboardTest {
    @TempDir
    Path tmp;

    @Test
    void leaderboardRendersRanksSortsAndPlotsInChromium() throws Exception {
        Path chromium = Path.of(System.getenv().getOrDefault("BRAINALIGN_CHROMIUM", "/usr/bin/chromium"));
        assertThat(Files.isExecutable(chromium)).as("headless Chromium not found at %s; install Debian's chromium "
                + "(.ci/run does) or set BRAINALIGN_CHROMIUM", chromium).isTrue();
        Path cache = tmp.resolve("cache");
        Path text = tmp.resolve("text.txt");
        StringBuilder words = new StringBuilder();
        for (int i = 0; i < 60; i++) {
            words.append("the cat sat on the mat and the dog ran to the park . ");
        }
        Files.writeString(text, words.toString());
        for (String model : new String[] {"untrained:distilgpt2", "untrained:gpt2"}) {
            CliTestAccess.score(cache, model, "Tuckute2024-linear");
            CliTestAccess.score(cache, model, "nextword:" + text);
        }
        Path artifacts = Path.of("target", "browser-artifacts");
        Files.createDirectories(artifacts);
        try (LeaderboardServer server = LeaderboardServer.start(cache.resolve("results.db"), "127.0.0.1", 0)) {
            String base = "http://127.0.0.1:" + server.port();
            var json = JsonParser.parseString(HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(base + "/api/leaderboard.json")).build(), HttpResponse.BodyHandlers.ofString()).body()).getAsJsonObject();
            List<String> ranked = new ArrayList<>();
            json.getAsJsonArray("models").forEach(m -> ranked.add(m.getAsJsonObject().get("model").getAsString()));
            assertThat(ranked).containsExactlyInAnyOrder("untrained:distilgpt2@0", "untrained:gpt2@0");

            String dom = chromium(chromium, "--dump-dom", base + "/");
            assertThat(modelsInTableOrder(dom)).containsExactlyElementsOf(ranked);
            assertThat(dom).contains("<circle class=\"point\"").contains("average_language vs word perplexity");
            assertThat(count(dom, "<circle class=\"point\"")).isEqualTo(2);

            String sorted = chromium(chromium, "--dump-dom", base + "/?sort=1");
            assertThat(modelsInTableOrder(sorted)).containsExactly("untrained:distilgpt2@0", "untrained:gpt2@0");

            String model = chromium(chromium, "--dump-dom", base + "/model/untrained%3Agpt2%400");
            assertThat(model).contains("Tuckute2024-linear").contains("<polyline class=\"curve\"")
                    .contains("<polygon class=\"band\"");
            Matcher points = Pattern.compile("<polyline class=\"curve\"[^>]*points=\"([^\"]*)\"").matcher(model);
            assertThat(points.find()).isTrue();
            assertThat(points.group(1).trim().split(" ")).hasSizeGreaterThanOrEqualTo(7); // one point per layer

            chromium(chromium, "--screenshot=" + artifacts.resolve("leaderboard.png").toAbsolutePath(), base + "/");
            chromium(chromium, "--screenshot=" + artifacts.resolve("model-untrained-gpt2.png").toAbsolutePath(),
                    base + "/model/untrained%3Agpt2%400");
            assertThat(Files.size(artifacts.resolve("leaderboard.png"))).isGreaterThan(5_000);
            assertThat(Files.size(artifacts.resolve("model-untrained-gpt2.png"))).isGreaterThan(5_000);
        }
    }

    private String chromium(Path binary, String action, String url) throws Exception {
        List<String> cmd = List.of(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + tmp.resolve("chromium-profile"), "--window-size=1280,1000", "--virtual-time-budget=3000",
                action, url);
        Process p = new ProcessBuilder(cmd).redirectError(tmp.resolve("chromium.err").toFile()).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("chromium failed: %s", Files.readString(tmp.resolve("chromium.err"))).isZero();
        return out;
    }

    private static List<String> modelsInTableOrder(String dom) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("<a href=\"/model/[^\"]*\">([^<]*)</a>").matcher(dom);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    private static int count(String s, String needle) {
        int n = 0;
        for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
