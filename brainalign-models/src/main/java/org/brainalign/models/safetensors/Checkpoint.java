package org.brainalign.models.safetensors;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.brainalign.models.ModelFormatException;

/**
 * The weights of a HuggingFace checkpoint directory: either one {@code model.safetensors} or the
 * shards listed in {@code model.safetensors.index.json} ({@code weight_map}: key → shard file).
 * Every shard is validated on open; every key of the index must exist in its shard.
 */
public final class Checkpoint implements TensorStore {

    /** File name of an unsharded checkpoint. */
    public static final String SINGLE_FILE = "model.safetensors";
    /** File name of the index of a sharded checkpoint. */
    public static final String INDEX_FILE = "model.safetensors.index.json";

    private final Path directory;
    private final List<SafetensorsFile> shards;
    private final Map<String, SafetensorsFile> byKey;

    private Checkpoint(Path directory, List<SafetensorsFile> shards, Map<String, SafetensorsFile> byKey) {
        this.directory = directory;
        this.shards = shards;
        this.byKey = byKey;
    }

    /** Opens the checkpoint in {@code directory}. */
    public static Checkpoint open(Path directory) {
        Path single = directory.resolve(SINGLE_FILE);
        Path index = directory.resolve(INDEX_FILE);
        if (Files.isRegularFile(single)) {
            SafetensorsFile file = SafetensorsFile.open(single);
            Map<String, SafetensorsFile> byKey = new TreeMap<>();
            file.keys().forEach(k -> byKey.put(k, file));
            return new Checkpoint(directory, List.of(file), byKey);
        }
        if (Files.isRegularFile(index)) {
            return openSharded(directory, index);
        }
        String hint = Files.exists(directory.resolve("pytorch_model.bin"))
                ? " It has pytorch_model.bin: only safetensors weights are read; convert them with HuggingFace's save_pretrained(..., safe_serialization=True)."
                : "";
        throw new ModelFormatException(directory + ": no weights found; expected " + SINGLE_FILE + " or " + INDEX_FILE + "." + hint);
    }

    private static Checkpoint openSharded(Path directory, Path index) {
        JsonObject weightMap;
        try {
            JsonElement root = org.brainalign.core.json.StrictJson.parse(index.toString(), Files.readString(index));
            JsonElement map = root.isJsonObject() ? root.getAsJsonObject().get("weight_map") : null;
            if (map == null || !map.isJsonObject()) {
                throw new ModelFormatException(index + ": expected an object with a 'weight_map' object (key -> shard file)");
            }
            weightMap = map.getAsJsonObject();
        } catch (IOException e) {
            throw new ModelFormatException(index + ": cannot read (" + e.getMessage() + ")", e);
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(e.getMessage(), e);
        }
        Map<String, SafetensorsFile> files = new LinkedHashMap<>();
        Map<String, SafetensorsFile> byKey = new TreeMap<>();
        try {
            for (Map.Entry<String, JsonElement> e : weightMap.entrySet()) {
                String shardName = e.getValue().getAsString();
                Path shard = directory.resolve(shardName).normalize();
                if (!shard.getParent().equals(directory.normalize()) || shardName.contains("/") || shardName.contains("\\")) {
                    throw new ModelFormatException(index + ": weight_map['" + e.getKey() + "'] = '" + shardName
                            + "' must be a file name inside the checkpoint directory");
                }
                if (!Files.isRegularFile(shard)) {
                    throw new ModelFormatException(index + ": weight_map['" + e.getKey() + "'] names shard '" + shardName
                            + "' which does not exist in " + directory);
                }
                SafetensorsFile file = files.computeIfAbsent(shardName, n -> SafetensorsFile.open(shard));
                if (!file.contains(e.getKey())) {
                    throw new ModelFormatException(shard + ": no tensor named '" + e.getKey() + "', although " + INDEX_FILE
                            + " places it there");
                }
                byKey.put(e.getKey(), file);
            }
        } catch (RuntimeException e) {
            files.values().forEach(SafetensorsFile::close);
            throw e;
        }
        return new Checkpoint(directory, new ArrayList<>(files.values()), byKey);
    }

    /** The directory this checkpoint was opened from. */
    public Path directory() {
        return directory;
    }

    /** The files behind this checkpoint (one, or the shards). */
    public List<SafetensorsFile> files() {
        return Collections.unmodifiableList(shards);
    }

    @Override
    public Set<String> keys() {
        return Collections.unmodifiableSet(byKey.keySet());
    }

    @Override
    public TensorInfo info(String key) {
        return fileOf(key).info(key);
    }

    @Override
    public float[] floats(String key) {
        return fileOf(key).floats(key);
    }

    @Override
    public java.lang.foreign.MemorySegment bytes(String key) {
        return fileOf(key).bytes(key);
    }

    @Override
    public String describe() {
        // The file a user would inspect: the single weights file, or the index of a sharded checkpoint.
        return shards.size() == 1 && Files.isRegularFile(directory.resolve(SINGLE_FILE))
                ? directory.resolve(SINGLE_FILE).toString() : directory.resolve(INDEX_FILE).toString();
    }

    private SafetensorsFile fileOf(String key) {
        SafetensorsFile file = byKey.get(key);
        if (file == null) {
            throw new ModelFormatException(directory + ": checkpoint has no tensor named '" + key + "'");
        }
        return file;
    }

    @Override
    public void close() {
        shards.forEach(SafetensorsFile::close);
    }
}
