package org.brainalign.benchmarks.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link DataFetcher} against a loopback HTTP server started by the test (nothing leaves 127.0.0.1),
 * serving the BSL-form fixture of Fedorenko2016 with the catalog pinned to its sha1: a full download,
 * an interrupted download that resumes with a Range request, a corrupted body, a 404 and a server that
 * stalls — after each, the data set folder holds the verified file or nothing at all.
 */
class DataFetcherTest {
    private static final String NAME = "assy_Fedorenko2016_language.nc";

    @TempDir
    Path tmp;

    private HttpServer server;
    private byte[] body;
    private final AtomicInteger requests = new AtomicInteger();
    private final List<String> ranges = new ArrayList<>();
    /** What the server does: "full", "half-then-close" (first request only), "corrupt", "404", "stall". */
    private volatile String mode = "full";

    @BeforeEach
    void start() throws Exception {
        body = Files.readAllBytes(BslAssembliesTest.fixtures().resolve("brainio-cache").resolve(NAME));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/bucket/", this::handle);
        server.start();
    }

    @AfterEach
    void stop() {
        if (server != null) { // null when the shared fixtures are absent and the test was skipped
            server.stop(0);
        }
    }

    private void handle(HttpExchange ex) throws IOException {
        int n = requests.incrementAndGet();
        String range = ex.getRequestHeaders().getFirst("Range");
        synchronized (ranges) {
            ranges.add(String.valueOf(range));
        }
        try (ex) {
            if (!ex.getRequestURI().getPath().endsWith("/" + NAME) || mode.equals("404")) {
                ex.sendResponseHeaders(404, -1);
                return;
            }
            if (mode.equals("stall")) {
                ex.sendResponseHeaders(200, body.length);
                try {
                    Thread.sleep(3_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return;
            }
            byte[] out = body.clone();
            if (mode.equals("corrupt")) {
                out[out.length / 2] ^= 0x5a;
            }
            RangeResponses.send(ex, out, mode.equals("half-then-close") && n == 1);
        }
    }

    private DataCatalog catalogPinnedToFixture() throws Exception {
        JsonObject json = DataCatalog.bundledJson();
        String sha1 = BslAssembliesTest.expected().getAsJsonObject("brainio-cache/" + NAME).get("sha1").getAsString();
        for (JsonElement d : json.getAsJsonArray("datasets")) {
            if (d.getAsJsonObject().get("id").getAsString().equals("fedorenko2016")) {
                d.getAsJsonObject().getAsJsonArray("files").get(0).getAsJsonObject().addProperty("sha1", sha1);
            }
        }
        return DataCatalog.parse(json);
    }

    private DataFetcher fetcher(Path data, Duration timeout) {
        return new DataFetcher(new DataDirectory(data), "http://127.0.0.1:" + server.getAddress().getPort() + "/bucket/", timeout, null);
    }

    private static List<String> filesIn(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aFullDownloadIsVerifiedAndPlaced() throws Exception {
        Path data = tmp.resolve("data");
        Path placed = fetcher(data, Duration.ofSeconds(10)).fetch(catalogPinnedToFixture(), "fedorenko2016").getFirst();
        assertThat(placed).isEqualTo(data.resolve("fedorenko2016").resolve(NAME));
        assertThat(Files.readAllBytes(placed)).isEqualTo(body);
        assertThat(filesIn(data.resolve("fedorenko2016"))).containsExactly(NAME);
        assertThat(filesIn(data.resolve(".downloads"))).isEmpty();
        // Already there and verified: no second download.
        fetcher(data, Duration.ofSeconds(10)).fetch(catalogPinnedToFixture(), "fedorenko2016");
        assertThat(requests.get()).isEqualTo(1);
        assertThat(NetcdfAssemblyReader.read(placed).neuroids()).isEqualTo(16);
    }

    @Test
    void anInterruptedDownloadResumesWithARangeRequest() throws Exception {
        Path data = tmp.resolve("data");
        mode = "half-then-close";
        DataCatalog catalog = catalogPinnedToFixture();
        assertThatThrownBy(() -> fetcher(data, Duration.ofSeconds(10)).fetch(catalog, "fedorenko2016"))
                .isInstanceOf(DataMissingException.class).hasMessageContaining("run the same command again to resume");
        assertThat(filesIn(data.resolve("fedorenko2016"))).as("nothing partial in the data set folder").isEmpty();
        long partial = Files.size(data.resolve(".downloads").resolve("fedorenko2016").resolve(NAME + ".part"));
        assertThat(partial).isGreaterThan(0).isLessThan(body.length);
        Path placed = fetcher(data, Duration.ofSeconds(10)).fetch(catalog, "fedorenko2016").getFirst();
        assertThat(ranges.getLast()).isEqualTo("bytes=" + partial + "-");
        assertThat(Files.readAllBytes(placed)).isEqualTo(body);
    }

    @Test
    void aCorruptedBodyIsDeletedAndNothingIsPlaced() throws Exception {
        Path data = tmp.resolve("data");
        mode = "corrupt";
        assertThatThrownBy(() -> fetcher(data, Duration.ofSeconds(10)).fetch(catalogPinnedToFixture(), "fedorenko2016"))
                .hasMessageContaining("sha1").hasMessageContaining("it was deleted, nothing was placed");
        assertThat(filesIn(data.resolve("fedorenko2016"))).isEmpty();
        assertThat(filesIn(data.resolve(".downloads"))).isEmpty();
    }

    @Test
    void aMissingFileAndAStallingServerAreOneLineErrors() throws Exception {
        Path data = tmp.resolve("data");
        mode = "404";
        assertThatThrownBy(() -> fetcher(data, Duration.ofSeconds(10)).fetch(catalogPinnedToFixture(), "fedorenko2016"))
                .hasMessageContaining("404").hasMessageContaining(NAME);
        mode = "stall";
        assertThatThrownBy(() -> fetcher(data, Duration.ofMillis(500)).fetch(catalogPinnedToFixture(), "fedorenko2016"))
                .hasMessageContaining("timed out");
        assertThat(filesIn(data.resolve("fedorenko2016"))).isEmpty();
        assertThatThrownBy(() -> DataFetcher.bslFile(DataCatalog.bundled(), "naturalstories"))
                .hasMessageContaining("fedorenko2016");
        // No host (a name that never resolves) or nobody listening: offline, with nothing to resume.
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        for (String base : List.of("http://no-such-host.invalid/bucket/", "http://127.0.0.1:" + closed + "/bucket/")) {
            assertThatThrownBy(() -> new DataFetcher(new DataDirectory(data), base, Duration.ofSeconds(5), null)
                    .fetch(catalogPinnedToFixture(), "fedorenko2016")).as(base)
                    .hasMessageContaining("offline or host unreachable").hasMessageNotContaining("resume");
        }
    }

    @Test
    void importFindsBothBrainioLayoutsAndChecksTheSha1() throws Exception {
        DataCatalog catalog = catalogPinnedToFixture();
        String sha1 = BslAssembliesTest.expected().getAsJsonObject("brainio-cache/" + NAME).get("sha1").getAsString();
        Path current = tmp.resolve("brainio-current").resolve(sha1);
        Path older = tmp.resolve("brainio-older").resolve("assy_Fedorenko2016_language");
        for (Path p : List.of(current, older)) {
            Files.createDirectories(p);
            Files.write(p.resolve(NAME), body);
        }
        Path data1 = tmp.resolve("data1");
        Path linked = fetcher(data1, Duration.ofSeconds(10)).importBrainio(catalog, "fedorenko2016", tmp.resolve("brainio-current"),
                false).orElseThrow();
        assertThat(Files.isSymbolicLink(linked)).isTrue();
        assertThat(Files.readAllBytes(linked)).isEqualTo(body);
        Path data2 = tmp.resolve("data2");
        Path copied = fetcher(data2, Duration.ofSeconds(10)).importBrainio(catalog, "fedorenko2016", tmp.resolve("brainio-older"),
                true).orElseThrow();
        assertThat(Files.isSymbolicLink(copied)).isFalse();
        assertThat(Files.readAllBytes(copied)).isEqualTo(body);
        assertThat(fetcher(data2, Duration.ofSeconds(10)).importBrainio(catalog, "blank2014", tmp.resolve("brainio-older"), true))
                .isEmpty();
        // With the real file's pin, the look-alike is refused and nothing is imported.
        Path data3 = tmp.resolve("data3");
        assertThatThrownBy(() -> fetcher(data3, Duration.ofSeconds(10)).importBrainio(DataCatalog.bundled(), "fedorenko2016",
                tmp.resolve("brainio-older"), true)).hasMessageContaining("not imported");
        assertThat(filesIn(data3.resolve("fedorenko2016"))).isEmpty();
        assertThat(requests.get()).isZero();
    }
}
