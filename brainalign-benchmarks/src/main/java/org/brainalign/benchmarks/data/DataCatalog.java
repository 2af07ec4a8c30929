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
 * {@code brainalign-data-catalog} v1): per data set its directory id, description, public source,
 * licence, how to obtain it, the expected files with their sha256 (null where the file is
 * exported by the user and cannot be pinned, e.g. a BSL assembly written to NetCDF), and notes a
 * user comparing with other tools must know (how the release differs from the one BSL packaged).
 */
public final class DataCatalog {
    /**
     * One expected file; {@code sha256} and {@code bytes} are null when not pinned. A neural assembly
     * may also be present as BSL's own cached file, {@code bslName} ({@code assy_<id>.nc}), pinned by
     * BSL's published {@code sha1}.
     */
    public record FileEntry(String name, String sha256, Long bytes, List<String> alternatives, String bslName, String sha1) {
        public FileEntry(String name, String sha256, Long bytes, List<String> alternatives) {
            this(name, sha256, bytes, alternatives, null, null);
        }
    }

    /** One data set. */
    public record Dataset(String id, String description, String source, String license, String obtain,
            List<FileEntry> files, String notes) {
        public Dataset(String id, String description, String source, String license, String obtain, List<FileEntry> files) {
            this(id, description, source, license, obtain, files, null);
        }

        /** Whether {@code brainalign data fetch} downloads this set (BSL publishes its files with sha1). */
        public boolean fetchable() {
            return files.stream().anyMatch(f -> f.bslName() != null && f.sha1() != null);
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
        if (!"brainalign-data-catalog".equals(root.get("format").getAsString()) || root.get("version").getAsInt() != 1) {
            throw new IllegalStateException("catalog.json: expected format brainalign-data-catalog v1");
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
                files.add(new FileEntry(fo.get("name").getAsString(), text(fo, "sha256"),
                        fo.has("bytes") && !fo.get("bytes").isJsonNull() ? fo.get("bytes").getAsLong() : null, List.copyOf(alts),
                        text(fo, "bsl_name"), text(fo, "sha1")));
            }
            out.put(d.get("id").getAsString(), new Dataset(d.get("id").getAsString(), d.get("description").getAsString(),
                    d.get("source").getAsString(), d.get("license").getAsString(), text(d, "obtain"), List.copyOf(files), text(d, "notes")));
        }
        return new DataCatalog(out);
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
