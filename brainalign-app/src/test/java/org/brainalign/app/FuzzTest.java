package org.brainalign.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fuzz tier: structurally broken inputs, generated deterministically from one seed, for every
 * reader a user can point brainalign at — safetensors checkpoints, config.json, tokenizers, llama2.c
 * checkpoints, GloVe files, surprisal files, ONNX graphs, data-set files, activation-cache entries and
 * results stores — each run through the real command line in this JVM. A broken input must end with a
 * non-zero exit, at most two lines on stderr that name the file, no stack trace, no OutOfMemoryError,
 * and no score in the store; a damaged cache entry must instead be reported and recomputed. Prints
 * {@code fuzz: N passed, N failed}. Run alone with {@code bin/test -Dbrainalign.groups=fuzz -pl brainalign-app}.
 */
@Tag("fuzz")
class FuzzTest {
    private static final long SEED = 20261201L;

    @TempDir
    Path tmp;

    private final Random random = new Random(SEED);
    private final List<String> failures = new ArrayList<>();
    private int passed;
    private int counter;

    static Path env(String name, String property) {
        String v = System.getenv(name);
        return Path.of(v != null && !v.isBlank() ? v : System.getProperty(property, ""));
    }

    static final Path FIXTURES = env("BRAINALIGN_FIXTURES", "brainalign.fixtures.default");
    static final Path DATA = env("BRAINALIGN_DATA", "brainalign.data.default");
    static final Path MODELS = env("BRAINALIGN_MODELS", "brainalign.models.default");

    /** Every case reads the shared folder: without it the tier is skipped, with the reason. */
    @org.junit.jupiter.api.BeforeAll
    static void sharedFolder() {
        for (var part : org.brainalign.core.testing.Shared.Part.values()) {
            org.brainalign.core.testing.Shared.require(part);
        }
    }

    // ---- helpers -------------------------------------------------------------------------------

    private Path fresh(String name) throws IOException {
        return Files.createDirectories(tmp.resolve("case-" + (++counter)).resolve(name));
    }

    private static void copyDir(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> s = Files.list(from)) {
            for (Path f : s.toList()) {
                if (Files.isRegularFile(f)) {
                    Files.copy(f, to.resolve(f.getFileName()));
                }
            }
        }
    }

    /** A data directory whose data sets link to the shared ones, except {@code dataset}, which is a copy. */
    private Path dataWithCopyOf(String dataset) throws IOException {
        Path root = fresh("data");
        try (Stream<Path> s = Files.list(DATA)) {
            for (Path d : s.toList()) {
                if (d.getFileName().toString().equals(dataset)) {
                    copyTree(d, root.resolve(dataset));
                } else {
                    Files.createSymbolicLink(root.resolve(d.getFileName()), d);
                }
            }
        }
        return root;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    private static long rows(Path store) {
        if (!Files.exists(store)) {
            return 0;
        }
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + store); var st = c.createStatement();
             var rs = st.executeQuery("SELECT COUNT(*) FROM scores")) {
            rs.next();
            return rs.getLong(1);
        } catch (Exception e) {
            return 0; // not a store at all: nothing was written into it
        }
    }

    /** A broken input: refused, in one or two lines naming {@code blame}, nothing stored. */
    private void refused(String family, String what, String blame, Path store, String... args) {
        String label = family + ": " + what;
        try {
            byte[] before = store != null && Files.exists(store) ? Files.readAllBytes(store) : null;
            CliTest.Run r = CliTest.run(args);
            List<String> lines = r.err().lines().filter(l -> !l.isBlank()).toList();
            List<String> problems = new ArrayList<>();
            if (r.code() == 0) {
                problems.add("exit 0");
            }
            if (lines.isEmpty() || lines.size() > 2) {
                problems.add(lines.size() + " stderr lines");
            }
            if (r.err().contains("\tat ") || r.err().contains("Exception in thread") || r.err().contains("error: null")) {
                problems.add("stack trace or empty message");
            }
            if (!r.err().contains(blame)) {
                problems.add("stderr does not name " + blame);
            }
            if (store != null && before == null && rows(store) > 0) {
                problems.add(rows(store) + " rows stored");
            }
            if (store != null && before != null && !Arrays.equals(before, Files.readAllBytes(store))) {
                problems.add("the store was written into");
            }
            record(label, problems, r.err());
        } catch (Throwable t) {
            record(label, List.of(t.getClass().getSimpleName() + ": " + t.getMessage()), "");
        }
    }

    /** Per category (the label before its first ':' and first word: "data", "store", "onnx", …): tried, refused cleanly. */
    private final java.util.Map<String, int[]> categories = new java.util.TreeMap<>();

    private void record(String label, List<String> problems, String err) {
        String category = label.split("[: ]", 2)[0];
        int[] counts = categories.computeIfAbsent(category, k -> new int[2]);
        counts[0]++;
        if (problems.isEmpty()) {
            counts[1]++;
            passed++;
        } else {
            failures.add(label + " -> " + String.join("; ", problems) + " | " + err.strip().lines().findFirst().orElse(""));
        }
    }

    // ---- the suite -----------------------------------------------------------------------------

    @Test
    void brokenInputsAreRefusedCleanly() throws Exception {
        safetensors();
        configs();
        tokenizers();
        llama2c();
        glove();
        surprisalFiles();
        onnx();
        dataSets();
        stores();
        cacheEntries();
        assemblyReaders();
        System.out.printf("fuzz: %d passed, %d failed (seed %d)%n", passed, failures.size(), SEED);
        categories.forEach((c, n) -> System.out.printf("fuzz: %-12s %3d tried, %3d refused cleanly%n", c, n[0], n[1]));
        failures.forEach(f -> System.out.println("  FAILED " + f));
        assertThat(failures).as("fuzz failures").isEmpty();
        assertThat(passed).isGreaterThanOrEqualTo(90);
    }

    private String[] scoreGpt2(Path model, Path store) {
        return new String[] {"score", "--model", model.toString(), "--benchmark", "syntaxgym-number_prep", "--data-dir",
            DATA.toString(), "--store", store.toString(), "--no-progress", "--no-activation-cache"};
    }

    /** A tiny-gpt2 copy whose model.safetensors is {@code mutate}(bytes). */
    private void checkpointCase(String what, Function<byte[], byte[]> mutate) throws IOException {
        checkpointCase(what, mutate, "model.safetensors");
    }

    /** {@code blame}: what the error must name (the file, or the model for weights that only break activations). */
    private void checkpointCase(String what, Function<byte[], byte[]> mutate, String blame) throws IOException {
        Path dir = fresh("tiny-gpt2");
        copyDir(FIXTURES.resolve("tiny-gpt2"), dir);
        Path st = dir.resolve("model.safetensors");
        Files.write(st, mutate.apply(Files.readAllBytes(st)));
        refused("safetensors", what, blame, dir.resolve("s.db"), scoreGpt2(dir, dir.resolve("s.db")));
    }

    private static byte[] withHeader(byte[] file, Function<JsonObject, JsonObject> edit) {
        long n = ByteBuffer.wrap(file, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        JsonObject h = JsonParser.parseString(new String(file, 8, (int) n, StandardCharsets.UTF_8)).getAsJsonObject();
        byte[] json = edit.apply(h).toString().getBytes(StandardCharsets.UTF_8);
        ByteBuffer out = ByteBuffer.allocate(8 + json.length + file.length - 8 - (int) n).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(json.length).put(json).put(file, 8 + (int) n, file.length - 8 - (int) n);
        return out.array();
    }

    private List<String> tensorNames(byte[] file) {
        long n = ByteBuffer.wrap(file, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        JsonObject h = JsonParser.parseString(new String(file, 8, (int) n, StandardCharsets.UTF_8)).getAsJsonObject();
        return h.keySet().stream().filter(k -> !k.equals("__metadata__")).sorted().toList();
    }

    private void safetensors() throws IOException {
        byte[] good = Files.readAllBytes(FIXTURES.resolve("tiny-gpt2").resolve("model.safetensors"));
        List<String> names = tensorNames(good);
        long headerLength = ByteBuffer.wrap(good, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        for (long bad : new long[] {0, 1L << 40, good.length + 100L, -1}) {
            checkpointCase("header length " + bad, b -> {
                byte[] c = b.clone();
                ByteBuffer.wrap(c, 0, 8).order(ByteOrder.LITTLE_ENDIAN).putLong(bad);
                return c;
            });
        }
        checkpointCase("header JSON cut short", b -> Arrays.copyOf(b, 8 + (int) headerLength / 2));
        for (int k = 0; k < 3; k++) {
            int at = 8 + random.nextInt((int) headerLength - 2);
            checkpointCase("header JSON ':' broken after byte " + at, b -> {
                byte[] c = b.clone();
                for (int i = at; i < 8 + headerLength; i++) {
                    if (c[i] == ':') {
                        c[i] = ';';
                        break;
                    }
                }
                return c;
            });
        }
        for (int k = 0; k < 3; k++) {
            String t = names.get(random.nextInt(names.size()));
            String dtype = k == 0 ? "XX" : k == 1 ? "I64" : "BOOL";
            checkpointCase("dtype " + dtype + " for " + t, b -> withHeader(b, h -> {
                h.getAsJsonObject(t).addProperty("dtype", dtype);
                return h;
            }));
        }
        for (int k = 0; k < 3; k++) {
            String t = names.get(random.nextInt(names.size()));
            int variant = k;
            checkpointCase("data_offsets variant " + k + " of " + t, b -> withHeader(b, h -> {
                JsonArray off = h.getAsJsonObject(t).getAsJsonArray("data_offsets");
                long begin = off.get(0).getAsLong();
                long end = off.get(1).getAsLong();
                JsonArray o = new JsonArray();
                o.add(variant == 2 ? end : begin);
                o.add(variant == 0 ? end + 4 : variant == 1 ? (long) b.length * 2 : begin);
                h.getAsJsonObject(t).add("data_offsets", o);
                return h;
            }));
        }
        for (int k = 0; k < 2; k++) {
            String t = names.get(random.nextInt(names.size()));
            checkpointCase("shape of " + t + " changed", b -> withHeader(b, h -> {
                JsonArray shape = h.getAsJsonObject(t).getAsJsonArray("shape");
                JsonArray s = new JsonArray();
                s.add(shape.get(0).getAsLong() + 1);
                for (int i = 1; i < shape.size(); i++) {
                    s.add(shape.get(i));
                }
                h.getAsJsonObject(t).add("shape", s);
                return h;
            }));
            checkpointCase("tensor " + t + " renamed", b -> withHeader(b, h -> {
                h.add(t + ".renamed", h.remove(t));
                return h;
            }));
        }
        for (String value : new String[] {"NaN", "Infinity", "1e38 everywhere"}) {
            String t = value.startsWith("1e38") ? "transformer.wte.weight" : names.get(random.nextInt(names.size()));
            checkpointCase(value + " in " + t, b -> {
                long n = ByteBuffer.wrap(b, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
                JsonObject h = JsonParser.parseString(new String(b, 8, (int) n, StandardCharsets.UTF_8)).getAsJsonObject();
                JsonArray off = h.getAsJsonObject(t).getAsJsonArray("data_offsets");
                int begin = 8 + (int) n + off.get(0).getAsInt();
                int end = 8 + (int) n + off.get(1).getAsInt();
                byte[] c = b.clone();
                ByteBuffer buf = ByteBuffer.wrap(c).order(ByteOrder.LITTLE_ENDIAN);
                float v = value.equals("NaN") ? Float.NaN : value.equals("Infinity") ? Float.POSITIVE_INFINITY : 1e38f;
                for (int i = begin; i < (value.startsWith("1e38") ? end : begin + 4); i += 4) {
                    buf.putFloat(i, v);
                }
                return c;
            }, value.startsWith("1e38") ? "tiny-gpt2" : "model.safetensors"); // finite weights: the model and stimulus are named
        }
        for (int k = 0; k < 3; k++) {
            int cut = 8 + (int) headerLength + random.nextInt(good.length - 8 - (int) headerLength);
            checkpointCase("truncated at byte " + cut, b -> Arrays.copyOf(b, cut));
        }
    }

    private void configCase(String what, Function<String, String> edit) throws IOException {
        Path dir = fresh("tiny-gpt2");
        copyDir(FIXTURES.resolve("tiny-gpt2"), dir);
        Path cfg = dir.resolve("config.json");
        Files.writeString(cfg, edit.apply(Files.readString(cfg)));
        refused("config.json", what, "config.json", dir.resolve("s.db"), scoreGpt2(dir, dir.resolve("s.db")));
    }

    private void configs() throws IOException {
        configCase("no n_embd", s -> s.replaceAll("\"n_embd\"\\s*:\\s*\\d+,", ""));
        configCase("n_layer is text", s -> s.replaceAll("\"n_layer\"\\s*:\\s*\\d+", "\"n_layer\": \"abc\""));
        configCase("n_embd is 10^9", s -> s.replaceAll("\"n_embd\"\\s*:\\s*\\d+", "\"n_embd\": 1000000000"));
        configCase("n_layer is 10^6", s -> s.replaceAll("\"n_layer\"\\s*:\\s*\\d+", "\"n_layer\": 1000000"));
        configCase("vocab_size is 2^31-1", s -> s.replaceAll("\"vocab_size\"\\s*:\\s*\\d+", "\"vocab_size\": 2147483647"));
        configCase("negative layer_norm_epsilon", s -> s.replaceAll("\"layer_norm_epsilon\"\\s*:\\s*[0-9.e-]+", "\"layer_norm_epsilon\": -1"));
        configCase("n_head is 0", s -> s.replaceAll("\"n_head\"\\s*:\\s*\\d+", "\"n_head\": 0"));
        configCase("not JSON", s -> s.substring(0, s.length() / 2));
        configCase("empty", s -> "");
        configCase("unknown model_type", s -> s.replaceAll("\"model_type\"\\s*:\\s*\"gpt2\"", "\"model_type\": \"gpt9\""));
    }

    private void tokenizers() throws IOException {
        for (String what : List.of("cut short", "not JSON", "empty")) {
            Path dir = fresh("tiny-gpt2");
            copyDir(FIXTURES.resolve("tiny-gpt2"), dir);
            Path tok = dir.resolve("tokenizer.json");
            String t = Files.readString(tok);
            Files.writeString(tok, what.equals("cut short") ? t.substring(0, t.length() / 3) : what.equals("not JSON") ? "<html>" : "");
            refused("tokenizer", what, "tokenizer.json", dir.resolve("s.db"), scoreGpt2(dir, dir.resolve("s.db")));
        }
    }

    private void llama2c() throws IOException {
        byte[] good = Files.readAllBytes(MODELS.resolve("stories260K").resolve("stories260K.bin"));
        byte[] tok = Files.readAllBytes(MODELS.resolve("stories260K").resolve("tok512.bin"));
        List<Function<byte[], byte[]>> mutations = List.of(
                b -> Arrays.copyOf(b, b.length - 1 - random.nextInt(1000)),
                b -> withInt(b, 5, -512),
                b -> withInt(b, 0, Integer.MAX_VALUE),
                b -> withInt(b, 3, 0),
                b -> withInt(b, 2, 1 << 30));
        for (int k = 0; k < mutations.size(); k++) {
            Path dir = fresh("stories");
            Files.write(dir.resolve("model.bin"), mutations.get(k).apply(good));
            Files.write(dir.resolve("tok512.bin"), tok);
            refused("llama2.c", "checkpoint mutation " + k, "model.bin", dir.resolve("s.db"), scoreGpt2(dir.resolve("model.bin"),
                    dir.resolve("s.db")));
        }
        Path dir = fresh("stories");
        Files.write(dir.resolve("model.bin"), good);
        Files.write(dir.resolve("tok512.bin"), Arrays.copyOf(tok, tok.length - 7));
        refused("llama2.c", "tokenizer cut short", "tok512.bin", dir.resolve("s.db"), scoreGpt2(dir.resolve("model.bin"),
                dir.resolve("s.db")));
    }

    private static byte[] withInt(byte[] b, int field, int value) {
        byte[] c = b.clone();
        ByteBuffer.wrap(c).order(ByteOrder.LITTLE_ENDIAN).putInt(4 * field, value);
        return c;
    }

    private void glove() throws IOException {
        List<String> lines = Files.readAllLines(DATA.resolve("glove-6b-100d-subset").resolve("glove.6B.100d.subset.txt")).subList(0, 3000);
        for (int k = 0; k < 4; k++) {
            List<String> bad = new ArrayList<>(lines);
            int at = 1 + random.nextInt(bad.size() - 1);
            String[] f = bad.get(at).split(" ");
            bad.set(at, switch (k) {
                case 0 -> String.join(" ", Arrays.copyOf(f, f.length - 1));
                case 1 -> bad.get(at).replaceFirst(" [-0-9.]+$", " NaN");
                case 2 -> bad.get(at).replaceFirst(" [-0-9.]+ ", " x ");
                default -> bad.get(at) + " 0.5";
            });
            Path file = fresh("glove").resolve("vectors.txt");
            Files.write(file, bad);
            refused("glove", "line " + (at + 1) + " variant " + k, "vectors.txt", file.resolveSibling("s.db"), "score", "--model",
                    "glove:" + file, "--benchmark", "Tuckute2024-linear", "--simulated", "--store", file.resolveSibling("s.db").toString(),
                    "--no-progress", "--no-activation-cache");
        }
    }

    private void surprisalFiles() throws IOException {
        List<String> gpt3 = Files.readAllLines(DATA.resolve("naturalstories").resolve("probs_all_stories_gpt3.csv"));
        for (int k = 0; k < 4; k++) {
            List<String> bad = new ArrayList<>(gpt3);
            int at = 1 + random.nextInt(bad.size() - 2);
            String what;
            switch (k) {
                case 0 -> {
                    bad = bad.subList(0, at);
                    what = "cut after row " + at;
                }
                case 1 -> {
                    bad.remove(at);
                    what = "row " + at + " removed";
                }
                case 2 -> {
                    bad.set(at, bad.get(at).replaceFirst(",-[0-9.e-]+,", ",abc,"));
                    what = "row " + at + " value is text";
                }
                default -> {
                    bad.set(at, bad.get(at).replaceFirst(",-([0-9.e-]+),", ",$1,"));
                    what = "row " + at + " positive log-probability";
                }
            }
            Path file = fresh("surprisal").resolve("probs.csv");
            Files.write(file, bad);
            refused("surprisal file", what, "probs.csv", file.resolveSibling("s.db"), "score", "--model", "surprisal:" + file,
                    "--benchmark", "Futrell2018-pearsonr", "--data-dir", DATA.toString(), "--store",
                    file.resolveSibling("s.db").toString(), "--no-progress");
        }
    }

    private void onnx() throws IOException {
        byte[] good;
        try (InputStream in = getClass().getResourceAsStream("/all-minilm-l6-v2.onnx")) {
            assertThat(in).isNotNull();
            good = in.readAllBytes();
        }
        Path tokenizer = fresh("onnx").resolve("tokenizer.json");
        try (InputStream in = getClass().getResourceAsStream("/all-minilm-l6-v2-tokenizer.json")) {
            Files.copy(in, tokenizer);
        }
        for (int k = 0; k < 4; k++) {
            byte[] bad = switch (k) {
                case 0 -> Arrays.copyOf(good, random.nextInt(good.length));
                case 1 -> Arrays.copyOf(good, 1000);
                case 2 -> "not an onnx model".getBytes(StandardCharsets.UTF_8);
                default -> new byte[0];
            };
            Path file = fresh("onnx").resolve("model.onnx");
            Files.write(file, bad);
            Path out = file.resolveSibling("converted");
            refused("onnx", "variant " + k, "model.onnx", null, "convert", "onnx", file.toString(), "--tokenizer", tokenizer.toString(),
                    "--out", out.toString());
            if (Files.exists(out)) {
                record("onnx: variant " + k + " output", List.of("a directory was written"), "");
            }
        }
        // A good model with a bad tokenizer: refused before anything is written (it was copied into the output before).
        byte[] goodTokenizer = Files.readAllBytes(tokenizer);
        String[] tokenizers = {"garbage", "empty", "truncated", "no vocabulary"};
        for (String what : tokenizers) {
            Path dir = fresh("onnx-tokenizer");
            Path model = dir.resolve("model.onnx");
            Files.write(model, good);
            Path tok = dir.resolve("tokenizer.json");
            Files.write(tok, switch (what) {
                case "garbage" -> "\u0000\u0001 not json at all".getBytes(StandardCharsets.UTF_8);
                case "empty" -> new byte[0];
                case "truncated" -> Arrays.copyOf(goodTokenizer, goodTokenizer.length / 2);
                default -> "{\"version\":\"1.0\",\"added_tokens\":[],\"model\":{\"type\":\"WordLevel\",\"vocab\":{},\"unk_token\":\"[UNK]\"}}"
                        .getBytes(StandardCharsets.UTF_8);
            });
            Path out = dir.resolve("converted");
            refused("onnx", "tokenizer " + what, "tokenizer.json", null, "convert", "onnx", model.toString(), "--tokenizer",
                    tok.toString(), "--out", out.toString());
            if (Files.exists(out)) {
                record("onnx: tokenizer " + what + " output", List.of("a directory was written"), "");
            }
        }
    }

    private void dataSets() throws IOException {
        // Every pinned file a benchmark reads: truncated, emptied, a row deleted, a value changed. Each is caught by its
        // checksum before it is parsed, and no score is stored.
        String surprisal = "surprisal:" + DATA.resolve("naturalstories").resolve("probs_all_stories_gpt3.csv");
        String tiny = FIXTURES.resolve("tiny-gpt2").toString();
        String[][] pinned = {{"tuckute2024", "bold_response_LH.csv", "Tuckute2024-linear", "randomembedding-10"},
            {"frank2015-eeg", "all_measures.csv", "Frank2015-N400", "randomembedding-10"},
            {"pereira2018-network", "pereira2018_network_average.csv", "Pereira2018.243sentences-network-ridge", "randomembedding-10"},
            {"brennan2016-alice", "alice_stim_shared/DownTheRabbitHoleFinal_exp120_pad_1.TextGrid", "Brennan2016-ridge", "randomembedding-10"},
            {"brennan2016-alice", "alice_data_shared/6mm/s18-timecourses.txt", "Brennan2016-ridge", "randomembedding-10"},
            {"brennan2016-alice", "alice_data_shared/s22-rate.txt", "Brennan2016-ridge", "randomembedding-10"},
            {"naturalstories", "naturalstories_RTS_processed_wordinfo.tsv", "Futrell2018-pearsonr", surprisal},
            {"naturalstories", "naturalstories_RTS_all_stories.tok", "Futrell2018-pearsonr", surprisal},
            {"syntaxgym2020", "number_prep.json", "syntaxgym-number_prep", tiny}};
        for (String[] p : pinned) {
            for (String damage : List.of("truncated", "emptied", "a row deleted", "a value changed")) {
                Path data = dataWithCopyOf(p[0]);
                Path file = data.resolve(p[0]).resolve(p[1]);
                Files.write(file, damaged(Files.readAllBytes(file), damage));
                Path store = data.resolve("s.db");
                refused("data " + p[0], damage + " " + p[1], Path.of(p[1]).getFileName().toString(), store, "score",
                        "--model", p[3], "--benchmark", p[2], "--data-dir", data.toString(), "--store", store.toString(),
                        "--no-progress", "--no-activation-cache");
            }
        }
        // Parsed files: Natural Stories and SyntaxGym suites.
        for (int k = 0; k < 3; k++) {
            Path data = dataWithCopyOf("naturalstories");
            Path tok = data.resolve("naturalstories").resolve("naturalstories_RTS_all_stories.tok");
            List<String> lines = new ArrayList<>(Files.readAllLines(tok));
            int at = 1 + random.nextInt(lines.size() - 1);
            if (k == 0) {
                lines.set(at, lines.get(at).split("\t")[0]);
            } else if (k == 1) {
                lines.set(at, lines.get(at).replaceFirst("\t\\d+\t", "\tzone\t"));
            } else {
                lines.set(0, "words\tzones\titems");
            }
            Files.write(tok, lines);
            refused("data naturalstories", "variant " + k + " at line " + (at + 1), "naturalstories_RTS_all_stories.tok",
                    data.resolve("s.db"), "score", "--model", "surprisal:" + DATA.resolve("naturalstories").resolve(
                            "probs_all_stories_gpt3.csv"), "--benchmark", "Futrell2018-pearsonr", "--data-dir", data.toString(),
                    "--store", data.resolve("s.db").toString(), "--no-progress");
        }
        for (int k = 0; k < 3; k++) {
            Path data = dataWithCopyOf("syntaxgym2020");
            Path suite = data.resolve("syntaxgym2020").resolve("number_prep.json");
            String json = Files.readString(suite);
            String bad = switch (k) {
                case 0 -> json.substring(0, json.length() / 2);
                case 1 -> json.replaceFirst("\"predictions\"", "\"predictionz\"");
                default -> json.replaceFirst("\"formula\"\\s*:\\s*\"", "\"formula\": \"((( ");
            };
            Files.writeString(suite, bad);
            Path dir = fresh("m");
            refused("data syntaxgym2020", "variant " + k, "number_prep", dir.resolve("s.db"), "score", "--model",
                    FIXTURES.resolve("tiny-gpt2").toString(), "--benchmark", "syntaxgym-number_prep", "--data-dir", data.toString(),
                    "--store", dir.resolve("s.db").toString(), "--no-progress", "--no-activation-cache");
        }
    }

    /** {@code good} truncated, emptied, with a middle line deleted, or with one digit in its middle changed. */
    private byte[] damaged(byte[] good, String damage) {
        return switch (damage) {
            case "truncated" -> Arrays.copyOf(good, good.length - 1 - random.nextInt(Math.min(100, good.length - 1)));
            case "emptied" -> new byte[0];
            case "a row deleted" -> {
                String text = new String(good, StandardCharsets.UTF_8);
                int from = text.indexOf('\n', text.length() / 2) + 1;
                int to = text.indexOf('\n', from) + 1;
                yield (text.substring(0, from) + text.substring(to)).getBytes(StandardCharsets.UTF_8);
            }
            case "a value changed" -> {
                byte[] c = good.clone();
                int i = good.length / 2;
                while (c[i] < '0' || c[i] > '9') {
                    i++;
                }
                c[i] = (byte) (c[i] == '9' ? '1' : c[i] + 1);
                yield c;
            }
            default -> throw new IllegalArgumentException(damage);
        };
    }

    private void stores() throws Exception {
        Path dir = fresh("store");
        Path good = dir.resolve("good.db");
        CliTest.Run r = CliTest.run("score", "--model", "randomembedding-10", "--benchmark", "Tuckute2024-linear", "--simulated",
                "--store", good.toString(), "--no-progress");
        assertThat(r.code()).as(r.err()).isZero();
        byte[] bytes = Files.readAllBytes(good.resolveSibling("good.db"));
        for (int k = 0; k < 5; k++) {
            byte[] bad = switch (k) {
                case 0 -> Arrays.copyOf(bytes, bytes.length / 2);
                case 1 -> "model,benchmark\n".getBytes(StandardCharsets.UTF_8);
                case 2 -> {
                    byte[] c = bytes.clone();
                    for (int i = 0; i < 16; i++) {
                        c[i] = 0; // SQLite's magic header
                    }
                    yield c;
                }
                case 3 -> {
                    byte[] c = bytes.clone();
                    ByteBuffer.wrap(c).putShort(16, (short) 3); // page size field: not a power of two
                    yield c;
                }
                default -> {
                    byte[] c = bytes.clone();
                    int page = 4096;
                    for (int i = page; i < Math.min(c.length, 2 * page); i++) {
                        c[i] = (byte) random.nextInt(256);
                    }
                    yield c;
                }
            };
            Path store = fresh("store").resolve("bad.db");
            Files.write(store, bad);
            refused("store", "score into variant " + k, "bad.db", store, "score", "--model", "randomembedding-10", "--benchmark",
                    "Tuckute2024-linear", "--simulated", "--store", store.toString(), "--no-progress");
            refused("store", "leaderboard of variant " + k, "bad.db", store, "leaderboard", "--store", store.toString(), "--check");
        }
        // Every stored REAL of the good store, one bit flipped on disk (SQLite keeps a REAL as 8 big-endian bytes, and no
        // page check covers record payloads): the row fails its digest, and neither score nor leaderboard goes on.
        byte[] flat = Files.readAllBytes(good);
        List<Double> reals = new ArrayList<>();
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + good); var st = c.createStatement();
             var rs = st.executeQuery("SELECT raw, ceiling, normalized, unclipped, ci_low, ci_high, raw_ci_low, raw_ci_high, "
                     + "ceiling_low, ceiling_high FROM scores")) {
            while (rs.next()) {
                for (int i = 1; i <= 10; i++) {
                    Object v = rs.getObject(i);
                    if (v instanceof Double d && d != 0 && !reals.contains(d)) {
                        reals.add(d);
                    }
                }
            }
        }
        for (double v : reals) {
            byte[] pattern = ByteBuffer.allocate(8).putDouble(v).array();
            int at = indexOf(flat, pattern);
            if (at < 0) {
                continue; // the value is stored in a compact form (an integral REAL), not as 8 bytes
            }
            byte[] c = flat.clone();
            c[at + 7] ^= 1; // the lowest mantissa bit: 0.2105 stays 0.2105…, and nothing but the digest notices
            Path store = fresh("store").resolve("flipped.db");
            Files.write(store, c);
            refused("store", "REAL " + v + " with a bit flipped", "flipped.db", store, "leaderboard", "--store", store.toString());
        }
        // A text written into a REAL column (it read as 0.0 before).
        Path texted = fresh("store").resolve("texted.db");
        Files.write(texted, flat);
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + texted); var st = c.createStatement()) {
            st.execute("UPDATE scores SET raw = 'abc' WHERE rowid = (SELECT MIN(rowid) FROM scores)");
        }
        refused("store", "text in a REAL column", "texted.db", texted, "leaderboard", "--store", texted.toString());
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private void cacheEntries() throws Exception {
        for (int k = 0; k < 4; k++) {
            Path dir = fresh("cache");
            String[] args = {"score", "--model", "randomembedding-10", "--benchmark", "Tuckute2024-linear", "--simulated", "--store",
                dir.resolve("s.db").toString(), "--cache-dir", dir.resolve("cache").toString(), "--no-progress"};
            CliTest.Run first = CliTest.run(args);
            assertThat(first.code()).as(first.err()).isZero();
            Path entry;
            try (Stream<Path> s = Files.walk(dir.resolve("cache"))) {
                entry = s.filter(Files::isRegularFile).findFirst().orElse(null);
            }
            if (entry == null) {
                record("cache: variant " + k, List.of("no cache entry was written"), "");
                continue;
            }
            byte[] b = Files.readAllBytes(entry);
            byte[] bad = switch (k) {
                case 0 -> Arrays.copyOf(b, b.length / 2);
                case 1 -> {
                    byte[] c = b.clone();
                    c[c.length - 40] ^= 0x55;
                    yield c;
                }
                case 2 -> {
                    byte[] c = b.clone();
                    String s = new String(c, StandardCharsets.ISO_8859_1).replaceFirst("\"rows\":\\d+", "\"rows\":2000000000");
                    yield s.getBytes(StandardCharsets.ISO_8859_1);
                }
                default -> new byte[0];
            };
            Files.write(entry, bad);
            Files.delete(dir.resolve("s.db"));
            CliTest.Run again = CliTest.run(args);
            List<String> problems = new ArrayList<>();
            if (again.code() != 0) {
                problems.add("exit " + again.code());
            }
            if (again.err().contains("\tat ")) {
                problems.add("stack trace");
            }
            if (rows(dir.resolve("s.db")) != 1) {
                problems.add(rows(dir.resolve("s.db")) + " rows instead of a recomputed score");
            }
            record("cache: variant " + k + " reported and recomputed", problems, again.err());
        }
    }

    /** A reader called directly: it must throw an exception whose message names the file (never an Error). */
    private void readerRefuses(String family, String what, String blame, java.util.concurrent.Callable<?> read) {
        List<String> problems = new ArrayList<>();
        String message = "";
        try {
            read.call();
            problems.add("accepted");
        } catch (Exception e) {
            message = String.valueOf(e.getMessage());
            if (!message.contains(blame)) {
                problems.add("message does not name " + blame + ": " + message);
            }
        } catch (Throwable t) {
            problems.add(t.getClass().getSimpleName());
        }
        record(family + ": " + what, problems, message);
    }

    private static byte[] npy(String header, int dataBytes) {
        StringBuilder h = new StringBuilder(header);
        int total = 10 + h.length() + 1;
        h.append(" ".repeat((64 - total % 64) % 64)).append('\n');
        ByteBuffer b = ByteBuffer.allocate(10 + h.length() + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
        b.putShort((short) h.length()).put(h.toString().getBytes(StandardCharsets.US_ASCII));
        return b.array();
    }

    private void assemblyReaders() throws Exception {
        byte[] nc = Files.readAllBytes(FIXTURES.resolve("bsl-assemblies").resolve("exported").resolve("Tuckute2024.language.nc"));
        for (int k = 0; k < 6; k++) {
            byte[] bad = switch (k) {
                case 0, 1, 2 -> Arrays.copyOf(nc, 8 + random.nextInt(nc.length - 8));
                case 3 -> {
                    byte[] c = nc.clone();
                    Arrays.fill(c, 0, 8, (byte) 0); // the HDF5 signature
                    yield c;
                }
                case 4 -> {
                    byte[] c = nc.clone();
                    for (int i = 8; i < 64; i++) {
                        c[i] = (byte) 0xFF; // the superblock: versions, sizes, addresses
                    }
                    yield c;
                }
                default -> new byte[0];
            };
            Path file = fresh("nc").resolve("assembly.nc");
            Files.write(file, bad);
            readerRefuses("NetCDF reader", "variant " + k, "assembly.nc",
                    () -> org.brainalign.benchmarks.data.NetcdfAssemblyReader.read(file));
        }
        String[] headers = {"{'descr': '<f8', 'fortran_order': False, 'shape': (1000000000, 1000000000), }",
            "{'descr': '<c16', 'fortran_order': False, 'shape': (2, 2), }",
            "{'descr': '<f8', 'fortran_order': False, 'shape': (3, 2), }",
            "{'descr': '<f8' 'shape': (2, 2)",
            "{'descr': '<f8', 'fortran_order': False, 'shape': (-3, 2), }"};
        for (int k = 0; k < headers.length; k++) {
            Path file = fresh("npy").resolve("values.npy");
            Files.write(file, npy(headers[k], k == 2 ? 40 : 32)); // variant 2: 40 of the 48 bytes it needs
            readerRefuses("npy reader", "header variant " + k, "values.npy", () -> org.brainalign.benchmarks.data.NpyReader.read(file));
        }
        String[] coords = {"not json", "{\"format\": \"brainalign-assembly\", \"version\": 9}",
            "{\"format\": \"brainalign-assembly\", \"version\": 1, \"presentation\": {\"stimulus_id\": [\"a\"]}, \"neuroid\": {}}",
            "{\"format\": \"brainalign-assembly\", \"version\": 1, \"presentation\": [1, 2], \"neuroid\": {}}"};
        for (int k = 0; k < coords.length; k++) {
            Path dir = fresh("plain");
            ByteBuffer values = ByteBuffer.wrap(npy("{'descr': '<f8', 'fortran_order': False, 'shape': (3, 2), }", 48));
            Files.write(dir.resolve("values.npy"), values.array());
            Files.writeString(dir.resolve("coords.json"), coords[k]);
            readerRefuses("plain assembly", "coords variant " + k, "coords.json",
                    () -> org.brainalign.benchmarks.data.PlainAssemblyReader.read(dir));
        }
    }
}
