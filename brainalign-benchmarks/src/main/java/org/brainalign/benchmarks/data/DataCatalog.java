package org.brainalign.benchmarks.data;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The list of data sets brainalign knows (bundled resource {@code catalog.json}, format
 * {@code brainalign-data-catalog} v2): per data set its directory id, description, public source,
 * licence, citation, how to obtain it by hand, the expected files with their sha256 (sha1 where the
 * source publishes only sha1; null where the file is exported by the user and cannot be pinned), where
 * each file comes from ({@link Source}: commit-pinned URLs, a member of a downloaded archive, a recipe
 * over downloads, or BSL's bucket), the {@link Download}s those archives and recipes read, and notes a
 * user comparing with other tools must know (how the release differs from the one BSL packaged).
 * {@code brainalign-benchmarks/src/test/python/catalog_sources.py} wrote the sources from the
 * data-sources sheet.
 */
public final class DataCatalog {
    /**
     * One expected file; {@code sha256} and {@code bytes} are null when not pinned. A neural assembly
     * may also be present as BSL's own cached file, {@code bslName} ({@code assy_<id>.nc}), pinned by
     * BSL's published {@code sha1}.
     */
    public record FileEntry(String name, String sha256, Long bytes, List<String> alternatives, String bslName, String sha1,
            Source source) {
        public FileEntry(String name, String sha256, Long bytes, List<String> alternatives) {
            this(name, sha256, bytes, alternatives, null, null, null);
        }

        /**
         * The sha1 that pins this file itself (a source that publishes only sha1); null when the
         * {@code sha1} belongs to BSL's file {@code bslName} instead.
         */
        public String ownSha1() {
            return bslName == null ? sha1 : null;
        }
    }

    /**
     * Where {@code brainalign data fetch} gets a file: {@link Urls} (the file itself, first URL first),
     * {@link Member} (a member of one of the set's {@link Download}s, an archive), {@link Recipe} (made
     * from the set's downloads by a {@code Recipes} entry) or {@link Bsl} (BSL's bucket, as {@code bslName}).
     */
    public sealed interface Source {
        /** The file, verbatim, at any of these URLs (tried in order). */
        record Urls(List<String> urls) implements Source {}

        /** Member {@code path} of download {@code download} (a zip or .tgz). */
        record Member(String download, String path) implements Source {}

        /** Made by recipe {@code id} from every download of the data set. */
        record Recipe(String id) implements Source {}

        /** BSL's published file {@code bslName} in BSL's bucket, pinned by BSL's sha1. */
        record Bsl(String url) implements Source {}
    }

    /**
     * A file fetched only to be unpacked or transformed (an archive, a recipe's input), kept under
     * {@code <data>/.downloads/<set>/} until the set is complete; pinned by sha256 and/or sha1 (null
     * where the source publishes neither and the file made from it is pinned instead).
     */
    public record Download(String name, List<String> urls, String sha256, String sha1, Long bytes) {}

    /** One data set. */
    public record Dataset(String id, String description, String source, String license, String obtain,
            List<FileEntry> files, String notes, String citation, List<Download> downloads) {
        public Dataset(String id, String description, String source, String license, String obtain, List<FileEntry> files) {
            this(id, description, source, license, obtain, files, null, null, List.of());
        }

        /** Whether {@code brainalign data fetch} can get every file of this set from its public source. */
        public boolean fetchable() {
            return !files.isEmpty() && files.stream().allMatch(f -> f.source() != null);
        }

        /** The download called {@code name}, or an error naming the set. */
        public Download download(String name) {
            return downloads.stream().filter(d -> d.name().equals(name)).findFirst().orElseThrow(
                    () -> new IllegalStateException("catalog.json: data set " + id + " names download '" + name + "', which it does not list"));
        }

        /** The one command or source that gets this set: {@code brainalign data fetch <id>}, else where to download it. */
        public String howToGet() {
            return fetchable() ? "brainalign data fetch " + id : howToObtain() + " ('brainalign data list' has every source)";
        }

        /** How to get this data set, for error messages. */
        public String howToObtain() {
            return obtain == null || obtain.isBlank() ? "download it from " + source : obtain + " (source: " + source + ")";
        }
    }

    private final Map<String, Dataset> datasets;

    private DataCatalog(Map<String, Dataset> datasets) {
        this.datasets = datasets;
    }

    /** The bundled catalog. */
    public static DataCatalog bundled() {
        return parse(bundledJson());
    }

    /** The bundled catalog as JSON, e.g. for a test to pin other files. */
    public static JsonObject bundledJson() {
        try (InputStream in = DataCatalog.class.getResourceAsStream("catalog.json")) {
            if (in == null) {
                throw new IllegalStateException("the bundled data catalog (catalog.json) is missing from the jar");
            }
            return JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8)).getAsJsonObject();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the bundled data catalog", e);
        }
    }

    /** A catalog from its JSON ({@code brainalign-data-catalog} v1). */
    public static DataCatalog parse(JsonObject root) {
        if (!"brainalign-data-catalog".equals(root.get("format").getAsString()) || root.get("version").getAsInt() != 2) {
            throw new IllegalStateException("catalog.json: expected format brainalign-data-catalog v2");
        }
        Map<String, Dataset> out = new LinkedHashMap<>();
        for (JsonElement e : root.getAsJsonArray("datasets")) {
            JsonObject d = e.getAsJsonObject();
            List<FileEntry> files = new ArrayList<>();
            for (JsonElement f : d.getAsJsonArray("files")) {
                JsonObject fo = f.getAsJsonObject();
                List<String> alts = new ArrayList<>();
                if (fo.has("alternatives")) {
                    fo.getAsJsonArray("alternatives").forEach(a -> alts.add(a.getAsString()));
                }
                files.add(new FileEntry(fo.get("name").getAsString(), text(fo, "sha256"), number(fo, "bytes"), List.copyOf(alts),
                        text(fo, "bsl_name"), text(fo, "sha1"), source(fo)));
            }
            List<Download> downloads = new ArrayList<>();
            if (d.has("downloads")) {
                for (JsonElement e2 : d.getAsJsonArray("downloads")) {
                    JsonObject o = e2.getAsJsonObject();
                    downloads.add(new Download(o.get("name").getAsString(), strings(o, "urls"), text(o, "sha256"), text(o, "sha1"),
                            number(o, "bytes")));
                }
            }
            Dataset set = new Dataset(d.get("id").getAsString(), d.get("description").getAsString(), d.get("source").getAsString(),
                    d.get("license").getAsString(), text(d, "obtain"), List.copyOf(files), text(d, "notes"), text(d, "citation"),
                    List.copyOf(downloads));
            for (FileEntry f : files) {
                if (f.source() instanceof Source.Member m) {
                    set.download(m.download()); // a member of an unlisted download is an error in the catalog itself
                }
            }
            out.put(set.id(), set);
        }
        return new DataCatalog(out);
    }

    /** Where a file comes from, or null when the catalog knows no public source for it. */
    private static Source source(JsonObject fo) {
        if (fo.has("urls")) {
            return new Source.Urls(strings(fo, "urls"));
        }
        if (fo.has("member")) {
            return new Source.Member(fo.get("download").getAsString(), fo.get("member").getAsString());
        }
        if (fo.has("recipe")) {
            return new Source.Recipe(fo.get("recipe").getAsString());
        }
        String bsl = text(fo, "bsl_name");
        return bsl != null && text(fo, "sha1") != null ? new Source.Bsl(DataFetcher.BSL_BUCKET + bsl) : null;
    }

    private static List<String> strings(JsonObject o, String key) {
        List<String> out = new ArrayList<>();
        o.getAsJsonArray(key).forEach(u -> out.add(u.getAsString()));
        return List.copyOf(out);
    }

    private static Long number(JsonObject o, String key) {
        return o.has(key) && !o.get(key).isJsonNull() ? o.get(key).getAsLong() : null;
    }

    private static String text(JsonObject o, String key) {
        return o.has(key) && !o.get(key).isJsonNull() ? o.get(key).getAsString() : null;
    }

    public List<Dataset> datasets() {
        return List.copyOf(datasets.values());
    }

    public Optional<Dataset> find(String id) {
        return Optional.ofNullable(datasets.get(id));
    }

    /** The data set, or an error listing the known ids. */
    public Dataset get(String id) {
        Dataset d = datasets.get(id);
        if (d == null) {
            throw new IllegalArgumentException("unknown data set '" + id + "'; known: " + datasets.keySet());
        }
        return d;
    }
}
