package org.brainalign.app.leaderboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.brainalign.app.CliTestAccess;
import org.brainalign.app.plot.PlottedSvg;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drives the leaderboard in headless Chromium (Debian's {@code chromium}; {@code .ci/run} installs
 * it) over a store seeded by real {@code score} runs of three models on a per-layer benchmark
 * (Tuckute2024) and a single-score one (next-word on a text). The rendered pages must rank as the
 * JSON does and sort when asked; every plotted point and interval end, read back from its pixel
 * position through the axis ticks, must equal the store's JSON; every value must be in the table
 * under its chart; and no chart may be empty. Screenshots of {@code /}, a model page, a comparison
 * and {@code report.png} are kept under {@code target/browser-artifacts}.
 */
class BrowserLeaderboardTest {
    @TempDir
    Path tmp;

    @Test
    void pagesPlotExactlyTheStoredValuesWithIntervalsAndTables() throws Exception {
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
        for (String model : new String[] {"untrained:distilgpt2", "untrained:gpt2", CliTestAccess.tinyGpt2()}) {
            CliTestAccess.score(cache, model, "Tuckute2024-linear");
            CliTestAccess.score(cache, model, "nextword:" + text);
        }
        Path artifacts = Path.of("target", "browser-artifacts");
        Files.createDirectories(artifacts);
        try (LeaderboardServer server = LeaderboardServer.start(cache.resolve("results.db"), "127.0.0.1", 0)) {
            String base = "http://127.0.0.1:" + server.port();
            JsonObject board = JsonParser.parseString(get(base + "/api/leaderboard.json")).getAsJsonObject();
            List<String> ranked = new ArrayList<>();
            Map<String, Double> average = new HashMap<>();
            board.getAsJsonArray("models").forEach(m -> {
                ranked.add(m.getAsJsonObject().get("model").getAsString());
                // The scatter's brain score: the benchmark every model was scored on (Tuckute2024-linear), not the diluted average.
                average.put(ranked.getLast(), m.getAsJsonObject().getAsJsonObject("scores").get("Tuckute2024-linear").getAsDouble());
            });
            assertThat(ranked).hasSize(3).contains("untrained:distilgpt2@0", "untrained:gpt2@0");

            String dom = chromium(chromium, "--dump-dom", base + "/");
            assertThat(modelsInTableOrder(dom)).containsExactlyElementsOf(ranked);
            assertThat(dom).contains(">Tuckute2024-linear (best layer)<");
            List<List<PlottedSvg.Point>> scatter = PlottedSvg.charts(dom);
            assertThat(scatter).hasSize(1);
            assertThat(scatter.getFirst()).hasSize(3);
            for (PlottedSvg.Point p : scatter.getFirst()) {
                assertThat(p.fromPixels()).as("scatter y of %s", p.series()).isCloseTo(average.get(p.series()), within(p.tolerance()));
                assertThat(dom).contains("<td>" + String.format(Locale.ROOT, "%.4f", average.get(p.series())) + "</td>");
            }
            String sorted = chromium(chromium, "--dump-dom", base + "/?sort=1");
            assertThat(modelsInTableOrder(sorted)).isSortedAccordingTo(String::compareTo);

            for (String model : ranked) {
                String url = base + "/model/" + URLEncoder.encode(model, StandardCharsets.UTF_8);
                Map<String, JsonObject> stored = new HashMap<>(); // benchmark|layer -> row, for every model
                for (String m : ranked) {
                    JsonParser.parseString(get(base + "/api/model/" + URLEncoder.encode(m, StandardCharsets.UTF_8) + ".json"))
                            .getAsJsonObject().getAsJsonArray("layers").forEach(l -> stored.put(m + "|"
                                    + l.getAsJsonObject().get("benchmark").getAsString() + "|" + l.getAsJsonObject().get("layer").getAsString(),
                                    l.getAsJsonObject()));
                }
                String page = chromium(chromium, "--dump-dom", url);
                List<String> benchmarks = headings(page);
                List<List<PlottedSvg.Point>> charts = PlottedSvg.charts(page);
                assertThat(benchmarks).containsExactly("Tuckute2024-linear", "nextword:" + text);
                assertThat(charts).hasSameSizeAs(benchmarks).allSatisfy(c -> assertThat(c).as("no empty chart").isNotEmpty());
                int plottedOwnLayers = 0;
                for (int k = 0; k < charts.size(); k++) {
                    for (PlottedSvg.Point p : charts.get(k)) {
                        JsonObject row = stored.get(p.series() + "|" + benchmarks.get(k) + "|" + p.x());
                        assertThat(row).as("%s %s %s is in the store", p.series(), benchmarks.get(k), p.x()).isNotNull();
                        assertThat(p.fromPixels()).as("%s %s", benchmarks.get(k), p.x())
                                .isCloseTo(row.get("normalized").getAsDouble(), within(p.tolerance()));
                        if (!row.get("ciLow").isJsonNull()) {
                            assertThat(p.loFromPixels()).isCloseTo(row.get("ciLow").getAsDouble(), within(p.tolerance()));
                            assertThat(p.hiFromPixels()).isCloseTo(row.get("ciHigh").getAsDouble(), within(p.tolerance()));
                        }
                        assertThat(page).contains("<td>" + String.format(Locale.ROOT, "%.4f", row.get("normalized").getAsDouble())
                                + "</td>");
                        plottedOwnLayers += p.series().equals(model) ? 1 : 0;
                    }
                }
                long ownRows = stored.keySet().stream().filter(key -> key.startsWith(model + "|")).count();
                assertThat(plottedOwnLayers).as("every stored layer of %s is plotted", model).isEqualTo(ownRows);
                // the single-score chart shows every model, the page's own one highlighted
                assertThat(charts.get(1)).extracting(PlottedSvg.Point::series).containsExactlyInAnyOrderElementsOf(ranked);
            }

            chromium(chromium, "--screenshot=" + artifacts.resolve("leaderboard.png").toAbsolutePath(), base + "/");
            chromium(chromium, "--screenshot=" + artifacts.resolve("model-untrained-gpt2.png").toAbsolutePath(),
                    base + "/model/untrained%3Agpt2%400");
            chromium(chromium, "--screenshot=" + artifacts.resolve("compare.png").toAbsolutePath(),
                    base + "/compare?m=untrained%3Agpt2%400&m=untrained%3Adistilgpt2%400");
            for (String shot : List.of("leaderboard.png", "model-untrained-gpt2.png", "compare.png")) {
                assertThat(Files.size(artifacts.resolve(shot))).as(shot).isGreaterThan(5_000);
            }
        }
        CliTestAccess.Result report = CliTestAccess.run("report", "--store", cache.resolve("results.db").toString(), "--out",
                artifacts.resolve("report.png").toAbsolutePath().toString());
        assertThat(report.code()).as(report.err()).isZero();
        CliTestAccess.Result svg = CliTestAccess.run("report", "--store", cache.resolve("results.db").toString(), "--out",
                tmp.resolve("report.svg").toString());
        assertThat(svg.code()).as(svg.err()).isZero();
        // The report draws the same values: Tuckute's three curves and the three next-word dots, then the scatter.
        List<List<PlottedSvg.Point>> figure = PlottedSvg.charts(Files.readString(tmp.resolve("report.svg")));
        assertThat(figure).hasSize(3).allSatisfy(c -> assertThat(c).isNotEmpty());
        assertThat(figure.get(1)).hasSize(3);
    }

    private static String get(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private String chromium(Path binary, String action, String url) throws Exception {
        List<String> cmd = List.of(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + tmp.resolve("chromium-profile"), "--window-size=1400,1600", "--virtual-time-budget=3000",
                action, url);
        Process p = new ProcessBuilder(cmd).redirectError(tmp.resolve("chromium.err").toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
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

    private static List<String> headings(String dom) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("<h3>([^<]*)</h3>").matcher(dom);
        while (m.find()) {
            out.add(m.group(1).replace("&amp;", "&"));
        }
        return out;
    }
}
