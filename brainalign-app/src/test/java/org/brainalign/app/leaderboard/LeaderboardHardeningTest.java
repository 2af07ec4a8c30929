package org.brainalign.app.leaderboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.brainalign.app.store.ResultsStore;
import org.brainalign.benchmarks.Provenance;
import org.brainalign.core.ceiling.Ceiling;
import org.brainalign.core.score.Interval;
import org.brainalign.core.score.LayerScore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web leaderboard against hostile input: model ids that are HTML or script render as text (a
 * headless Chromium loads the pages and no injected script runs), CSV cells cannot become formulas,
 * only GET and HEAD are answered, oversized requests are refused while the server keeps serving, and
 * a bounded load on loopback completes without an error.
 */
class LeaderboardHardeningTest {
    static final String SCRIPT_ID = "<script>document.title='PWNED'</script>";
    static final String ATTR_ID = "\"><img src=x onerror=\"document.title='PWNED'\">";
    static final String FORMULA_ID = "=HYPERLINK(\"http://x\",\"y\")";
    static final String SPACED_ID = "my model+v2/final";

    @TempDir
    static Path tmp;
    static Path store;

    @BeforeAll
    static void seed() {
        store = tmp.resolve("hostile.db");
        ResultsStore.RunInfo info = new ResultsStore.RunInfo(1, new Provenance(Map.of("bootstrap", 0L), Map.of("f", "abc"), "none"),
                "none", "test");
        try (ResultsStore s = ResultsStore.open(store)) {
            double v = 0.1;
            for (String id : List.of(SCRIPT_ID, ATTR_ID, FORMULA_ID, SPACED_ID)) {
                ResultsStore.ModelKey key = new ResultsStore.ModelKey(id, "generated");
                for (String layer : List.of("h.0", "h.1")) {
                    s.record(key, "Futrell2018-pearsonr", info, Ceiling.published(0.858, "BSL"), new LayerScore(layer, v, v / 0.858,
                            v / 0.858, Interval.UNKNOWN, Interval.UNKNOWN, new double[][] {{v}}, "<b>note</b>"));
                    v += 0.05;
                }
            }
        }
    }

    static HttpResponse<String> send(HttpRequest r) throws Exception {
        return HttpClient.newHttpClient().send(r, HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Every link the pages carry leads somewhere: ids with a space, a plus or a slash are encoded as
     * path segments (a space as %20, which a form's '+' is not), and every answer says nosniff; the
     * CSV comes as an attachment.
     */
    @Test
    void everyLinkResolvesAndAnswersAreNeverSniffed() throws Exception {
        try (LeaderboardServer server = LeaderboardServer.start(store, "127.0.0.1", 0)) {
            String base = "http://127.0.0.1:" + server.port();
            HttpResponse<String> index = send(HttpRequest.newBuilder(URI.create(base + "/")).build());
            assertThat(index.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
            List<String> links = new ArrayList<>();
            var m = java.util.regex.Pattern.compile("href='(/[^']*)'").matcher(index.body());
            while (m.find()) {
                links.add(m.group(1).replace("&amp;", "&"));
            }
            String spaced = "/model/" + Pages.pathSegment(SPACED_ID);
            assertThat(links).contains(spaced);
            HttpResponse<String> page = send(HttpRequest.newBuilder(URI.create(base + spaced)).build());
            var jm = java.util.regex.Pattern.compile("href='(/api/model/[^']*)'").matcher(page.body());
            assertThat(jm.find()).isTrue();
            links.add(jm.group(1));
            for (String link : links) {
                HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base + link)).build());
                assertThat(r.statusCode()).as(link).isEqualTo(200);
                assertThat(r.headers().firstValue("X-Content-Type-Options")).as(link).contains("nosniff");
            }
            HttpResponse<String> csv = send(HttpRequest.newBuilder(URI.create(base + "/api/leaderboard.csv")).build());
            assertThat(csv.headers().firstValue("Content-Disposition")).contains("attachment; filename=\"leaderboard.csv\"");
            assertThat(send(HttpRequest.newBuilder(URI.create(base + "/nothing")).build()).headers()
                    .firstValue("X-Content-Type-Options")).contains("nosniff");
        }
    }

    @Test
    void hostileIdsRenderAsTextAndNoScriptRuns() throws Exception {
        Path chromium = Path.of(System.getenv().getOrDefault("BRAINALIGN_CHROMIUM", "/usr/bin/chromium"));
        assertThat(Files.isExecutable(chromium)).as("headless Chromium at %s (.ci/run installs it)", chromium).isTrue();
        try (LeaderboardServer server = LeaderboardServer.start(store, "127.0.0.1", 0)) {
            String base = "http://127.0.0.1:" + server.port();
            List<String> pages = new ArrayList<>(List.of(base + "/"));
            for (String id : List.of(SCRIPT_ID, ATTR_ID)) {
                pages.add(base + "/model/" + URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20"));
            }
            for (String page : pages) {
                String dom = dumpDom(chromium, page);
                assertThat(dom).as(page).contains("<title>").doesNotContain("PWNED</title>").doesNotContain("<title>PWNED");
                assertThat(dom).as(page).doesNotContain("<script>document.title").doesNotContain("<img src=\"x\"");
            }
            String index = send(HttpRequest.newBuilder(URI.create(base + "/")).build()).body();
            assertThat(index).contains("&lt;script&gt;document.title=&#39;PWNED&#39;&lt;/script&gt;")
                    .contains("&quot;&gt;&lt;img src=x onerror=");
            // No model here has a perplexity: the scatter is a sentence saying so, not an empty frame.
            assertThat(index).contains("No model in this store has both a next-word perplexity")
                    .doesNotContain("average_language vs word perplexity</title>");
        }
    }

    private static String dumpDom(Path chromium, String url) throws Exception {
        List<String> cmd = List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + tmp.resolve("profile"), "--virtual-time-budget=2000", "--dump-dom", url);
        Process p = new ProcessBuilder(cmd).redirectError(tmp.resolve("chromium.err").toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("chromium: %s", Files.readString(tmp.resolve("chromium.err"))).isZero();
        return out;
    }

    @Test
    void csvCellsCannotBecomeFormulas() throws Exception {
        try (LeaderboardServer server = LeaderboardServer.start(store, "127.0.0.1", 0)) {
            String csv = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/leaderboard.csv"))
                    .build()).body();
            for (String line : csv.split("\n")) {
                String[] cells = line.split(",", 3);
                if (cells.length > 1) {
                    String model = cells[1].startsWith("\"") ? cells[1].substring(1) : cells[1];
                    assertThat("=+-@\t\r".indexOf(model.isEmpty() ? 'x' : model.charAt(0))).as(line).isNegative();
                }
            }
            assertThat(csv).contains("\"'=HYPERLINK(\"\"http://x\"\"");
        }
        assertThat(Leaderboard.csvCell("-2+3")).isEqualTo("'-2+3");
        assertThat(Leaderboard.csvCell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(Leaderboard.csvCell("gpt2")).isEqualTo("gpt2");
        assertThat(Leaderboard.csvCell("a,b")).isEqualTo("\"a,b\"");
    }

    @Test
    void onlyGetAndHeadAreAnsweredAndOversizedRequestsAreRefused() throws Exception {
        try (LeaderboardServer server = LeaderboardServer.start(store, "127.0.0.1", 0)) {
            String base = "http://127.0.0.1:" + server.port();
            for (String method : List.of("POST", "PUT", "DELETE", "PATCH")) {
                HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base + "/")).method(method,
                        HttpRequest.BodyPublishers.ofString("x")).build());
                assertThat(r.statusCode()).as(method).isEqualTo(405);
                assertThat(r.headers().firstValue("Allow")).as(method).contains("GET, HEAD");
            }
            HttpResponse<String> head = send(HttpRequest.newBuilder(URI.create(base + "/"))
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
            assertThat(head.statusCode()).isEqualTo(200);
            char[] longPath = new char[200_000];
            Arrays.fill(longPath, 'a');
            HttpResponse<String> url = send(HttpRequest.newBuilder(URI.create(base + "/model/" + new String(longPath))).build());
            assertThat(url.statusCode()).isIn(414, 431, 400);
            HttpResponse<String> header = send(HttpRequest.newBuilder(URI.create(base + "/"))
                    .header("X-Big", new String(longPath)).build());
            assertThat(header.statusCode()).isIn(431, 400, 413);
            assertThat(send(HttpRequest.newBuilder(URI.create(base + "/")).build()).statusCode()).isEqualTo(200);
        }
    }

    /**
     * 16 clients on loopback for {@code brainalign.load.seconds} (default 5): every request succeeds.
     * Prints requests/s and the p99 latency (docs/leaderboard.md quotes a 30 s run).
     */
    @Test
    void boundedLoadCompletesWithoutErrors() throws Exception {
        long seconds = Long.getLong("brainalign.load.seconds", 5);
        try (LeaderboardServer server = LeaderboardServer.start(store, "127.0.0.1", 0)) {
            String base = "http://127.0.0.1:" + server.port();
            List<String> paths = List.of("/", "/api/leaderboard.json", "/api/leaderboard.csv",
                    "/model/" + URLEncoder.encode(FORMULA_ID, StandardCharsets.UTF_8));
            AtomicLong errors = new AtomicLong();
            List<Long> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            List<Thread> clients = new ArrayList<>();
            for (int c = 0; c < 16; c++) {
                int offset = c;
                clients.add(Thread.ofPlatform().start(() -> {
                    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
                    for (int i = offset; System.nanoTime() < end; i++) {
                        long t0 = System.nanoTime();
                        try {
                            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(base + paths.get(i % paths.size())))
                                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
                            if (r.statusCode() != 200) {
                                errors.incrementAndGet();
                            }
                        } catch (Exception e) {
                            errors.incrementAndGet();
                        }
                        latencies.add(System.nanoTime() - t0);
                    }
                }));
            }
            for (Thread t : clients) {
                t.join();
            }
            long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
            double p99 = sorted[(int) Math.min(sorted.length - 1, Math.ceil(0.99 * sorted.length) - 1)] / 1e6;
            System.out.printf(java.util.Locale.ROOT, "leaderboard load: 16 connections, %d s: %d requests, %.0f req/s, p99 %.1f ms, "
                    + "%d errors%n", seconds, sorted.length, sorted.length / (double) seconds, p99, errors.get());
            assertThat(errors.get()).isZero();
            assertThat(sorted.length).isGreaterThan(16);
        }
    }
}
