package org.brainalign.benchmarks.localizer;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.brainalign.core.digest.Sha256;

/**
 * Language masks cached on disk ({@code brainalign-language-mask} v1 JSON), one file per key. The key
 * names everything the mask depends on — model (with seed), stimuli and their checksum, layers and
 * top-k — so changing any of them computes a new mask (BSL keys its cache by the model id alone and
 * silently reuses stale masks). A file that does not parse, has the wrong format or a different key
 * is reported and ignored, never trusted.
 */
public final class MaskCache {
    private final Path dir;

    public MaskCache(Path dir) {
        this.dir = dir;
    }

    /** The cache key of a localizer run. */
    public static String key(String modelId, String stimuliId, String stimuliChecksum, List<String> layers, TopK topK) {
        return "model=" + modelId + ";stimuli=" + stimuliId + "@" + stimuliChecksum + ";layers=" + String.join(",", layers)
                + ";top-k=" + topK;
    }

    public Path file(String key) {
        byte[] h = Sha256.digest(key.getBytes(StandardCharsets.UTF_8));
        return dir.resolve(HexFormat.of().formatHex(h, 0, 16) + ".json");
    }

    /** The cached mask for {@code key}; empty when absent. {@code warnings} receives why a file was ignored. */
    public Optional<LanguageMask> load(String key, java.util.function.Consumer<String> warnings) {
        Path f = file(key);
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        try {
            JsonObject root = org.brainalign.core.json.StrictJson.parse(f.toString(), Files.readString(f)).getAsJsonObject();
            if (!"brainalign-language-mask".equals(root.get("format").getAsString()) || root.get("version").getAsInt() != 1) {
                warnings.accept(f + ": not a brainalign-language-mask v1 file; recomputing");
                return Optional.empty();
            }
            if (!key.equals(root.get("key").getAsString())) {
                warnings.accept(f + ": cached for a different key; recomputing");
                return Optional.empty();
            }
            List<LanguageMask.Layer> layers = new ArrayList<>();
            for (JsonElement e : root.getAsJsonArray("layers")) {
                JsonObject l = e.getAsJsonObject();
                JsonArray t = l.getAsJsonArray("t");
                JsonArray sel = l.getAsJsonArray("selected");
                double[] tv = new double[t.size()];
                boolean[] sv = new boolean[t.size()];
                for (int i = 0; i < tv.length; i++) {
                    tv[i] = t.get(i).isJsonNull() ? Double.NaN : t.get(i).getAsDouble();
                }
                for (JsonElement s : sel) {
                    sv[s.getAsInt()] = true;
                }
                layers.add(new LanguageMask.Layer(l.get("name").getAsString(), tv, sv));
            }
            return Optional.of(new LanguageMask(key, layers));
        } catch (IllegalArgumentException e) {
            warnings.accept("corrupt cached mask " + e.getMessage() + "; recomputing");
            return Optional.empty();
        } catch (IOException e) {
            warnings.accept(f + ": cached mask cannot be read (" + e.getMessage() + "); recomputing");
            return Optional.empty();
        } catch (RuntimeException e) {
            warnings.accept(f + ": corrupt cached mask, not the JSON brainalign writes (format, key, layers of name, t, "
                    + "selected); recomputing");
            return Optional.empty();
        }
    }

    /** Writes a mask atomically (temporary file, then rename). */
    public Path save(LanguageMask mask) throws IOException {
        JsonObject root = new JsonObject();
        root.addProperty("format", "brainalign-language-mask");
        root.addProperty("version", 1);
        root.addProperty("key", mask.key());
        JsonArray layers = new JsonArray();
        for (LanguageMask.Layer l : mask.layers()) {
            JsonObject o = new JsonObject();
            o.addProperty("name", l.name());
            JsonArray t = new JsonArray();
            for (double v : l.t()) {
                if (Double.isNaN(v)) {
                    t.add((Number) null);
                } else {
                    t.add(v);
                }
            }
            o.add("t", t);
            JsonArray sel = new JsonArray();
            for (int i : l.selectedUnits()) {
                sel.add(i);
            }
            o.add("selected", sel);
            layers.add(o);
        }
        root.add("layers", layers);
        Files.createDirectories(dir);
        Path f = file(mask.key());
        Path tmp = Files.createTempFile(dir, "mask", ".tmp");
        Files.writeString(tmp, new GsonBuilder().create().toJson(root));
        Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return f;
    }
}
