package org.brainalign.app.leaderboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonParser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.brainalign.app.CliTestAccess;
import org.brainalign.app.plot.Xml;
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
            assertThat(index.body()).contains("<table class='board' id='leaderboard'>")
                    .contains("<table class='board' id='leaderboard-separate'>").contains(Xml.escape(Leaderboard.RULE)).contains("randomembedding-100").contains("tiny-gpt2")
                    .contains("No model in this store has both a next-word perplexity").doesNotContain("<svg");
            var json = JsonParser.parseString(get(http, base + "/api/leaderboard.json").body()).getAsJsonObject();
            var models = json.getAsJsonArray("models");
            assertThat(models).hasSize(2);
            // tiny-gpt2 can run every benchmark and is ranked; randomembedding-100 has no surprisal and is ranked apart, n/a there.
            assertThat(models.get(0).getAsJsonObject().get("table").getAsString()).isEqualTo("ranked");
            assertThat(models.get(1).getAsJsonObject().get("table").getAsString()).isEqualTo("ranked-separately");
            assertThat(models.get(1).getAsJsonObject().getAsJsonArray("notApplicable").toString()).contains("Futrell2018-pearsonr");
            assertThat(index.body().indexOf(models.get(0).getAsJsonObject().get("model").getAsString()))
                    .isLessThan(index.body().indexOf(models.get(1).getAsJsonObject().get("model").getAsString()));
            assertThat(get(http, base + "/api/leaderboard.csv").body()).startsWith("rank,table,model,checkpoint,average_language");
            HttpResponse<String> page = get(http, base + "/model/randomembedding-100");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("Tuckute2024-linear").contains("class='curve'");
            assertThat(get(http, base + "/api/model/randomembedding-100.json").body()).contains("\"layer\": \"embedding\"");
            assertThat(get(http, base + "/model/no-such-model").statusCode()).isEqualTo(404);
            assertThat(get(http, base + "/model/..%2F..%2Fetc%2Fpasswd").statusCode()).isEqualTo(404);
            assertThat(get(http, base + "/nothing/here").statusCode()).isEqualTo(404);
        }
    }

    @Test
    void comparisonPageShowsThePairedBootstrapThatCompareComputes() throws Exception {
        Path cache = tmp.resolve("cache");
        Path a = tmp.resolve("a.json");
        Path b = tmp.resolve("b.json");
        for (String[] m : new String[][] {{CliTestAccess.tinyGpt2(), a.toString()}, {"randomembedding-100", b.toString()}}) {
            CliTestAccess.Result r = CliTestAccess.run("score", "--cache-dir", cache.toString(), "--model", m[0], "--benchmark",
                    "Tuckute2024-linear", "--no-progress", "--full", "--out", m[1]);
            assertThat(r.code()).as(r.err()).isZero();
        }
        // The CLI's comparison reads the JSON files' split x neuroid matrices; the page reads the store's.
        CliTestAccess.Result cmp = CliTestAccess.run("compare", "--a", a.toString(), "--b", b.toString(), "--benchmark",
                "Tuckute2024-linear");
        assertThat(cmp.code()).as(cmp.err()).isZero();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                "raw difference A - B = (-?[0-9.]+), 95% CI \\[(-?[0-9.]+), (-?[0-9.]+)\\], paired bootstrap p = ([0-9.]+)").matcher(cmp.out());
        assertThat(m.find()).as(cmp.out()).isTrue();
        HttpClient http = HttpClient.newHttpClient();
        try (LeaderboardServer server = LeaderboardServer.start(cache.resolve("results.db"), "127.0.0.1", 0)) {
            String base = "http://127.0.0.1:" + server.port();
            String tiny = JsonParser.parseString(java.nio.file.Files.readString(a)).getAsJsonObject().getAsJsonArray("scores").get(0)
                    .getAsJsonObject().get("model").getAsString();
            HttpResponse<String> page = get(http, base + "/compare?m=" + java.net.URLEncoder.encode(tiny, "UTF-8")
                    + "&m=randomembedding-100");
            assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
            double p = Double.parseDouble(m.group(4));
            String pText = p < 0.001 ? "&lt; 0.001" : String.format(java.util.Locale.ROOT, "%.3f", p);
            assertThat(page.body()).contains("<td>" + m.group(1) + "</td><td>[" + m.group(2) + ", " + m.group(3) + "]</td><td>"
                    + pText + "</td>");
            assertThat(page.body()).contains("class='point'").contains("class='interval'");
            // Tuckute2024 has no ceiling: the axis says raw score, not score / ceiling.
            assertThat(page.body()).contains("raw score at the best layer, no ceiling (95% CI)").doesNotContain("score / ceiling");
            assertThat(get(http, base + "/compare?m=randomembedding-100").statusCode()).isEqualTo(400);
            assertThat(get(http, base + "/compare?m=randomembedding-100&m=nobody").statusCode()).isEqualTo(404);
        }
    }

    @Test
    void reportWritesOneSelfContainedHtmlOnePngAndOneSvg() throws Exception {
        Path cache = tmp.resolve("cache");
        CliTestAccess.score(cache, CliTestAccess.tinyGpt2(), "Tuckute2024-linear");
        CliTestAccess.score(cache, "randomembedding-100", "Tuckute2024-linear");
        Path db = cache.resolve("results.db");
        Path dir = tmp.resolve("out");
        for (String name : new String[] {"report.html", "report.png", "report.svg"}) {
            CliTestAccess.Result r = CliTestAccess.run("report", "--store", db.toString(), "--out", dir.resolve(name).toString());
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.out().strip()).isEqualTo("wrote " + dir.resolve(name));
        }
        try (var files = java.nio.file.Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString()).sorted().toList())
                    .containsExactly("report.html", "report.png", "report.svg");
        }
        String html = java.nio.file.Files.readString(dir.resolve("report.html"));
        assertThat(html).contains("randomembedding-100").contains("class='curve'").contains("id='model-tiny-gpt2'")
                .contains("Models side by side").contains("class='values'");
        // Self-contained: every link stays inside the file or carries its data.
        java.util.regex.Matcher links = java.util.regex.Pattern.compile("(?:href|src)='([^']*)'").matcher(html);
        int n = 0;
        while (links.find()) {
            n++;
            assertThat(links.group(1)).as("link %s", links.group(1)).matches("(#|data:).*");
        }
        assertThat(n).isGreaterThanOrEqualTo(4);
        String csv = new String(java.util.Base64.getDecoder().decode(html.replaceAll("(?s).*href='data:text/csv;base64,([^']*)'.*", "$1")));
        assertThat(csv).startsWith("rank,table,model,checkpoint,average_language").contains("randomembedding-100");
        String svg = java.nio.file.Files.readString(dir.resolve("report.svg"));
        var doc = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new org.xml.sax.InputSource(new java.io.StringReader(svg)));
        double width = Double.parseDouble(doc.getDocumentElement().getAttribute("width"));
        double height = Double.parseDouble(doc.getDocumentElement().getAttribute("height"));
        var png = javax.imageio.ImageIO.read(dir.resolve("report.png").toFile());
        assertThat(png.getWidth()).isEqualTo((int) Math.ceil(width * 2)); // the same layout, at twice the resolution
        assertThat(png.getHeight()).isEqualTo((int) Math.ceil(height * 2));
        assertThat(svg).contains("No model in this store has both a next-word").contains("Wikitext-accuracy"); // a note, not an empty chart
        CliTestAccess.Result bad = CliTestAccess.run("report", "--store", db.toString(), "--out", tmp.resolve("r.pdf").toString());
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("must end in .html, .png or .svg");
    }

    private static HttpResponse<String> get(HttpClient http, String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
