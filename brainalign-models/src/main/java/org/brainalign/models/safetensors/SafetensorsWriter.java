package org.brainalign.models.safetensors;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes fp32 (and fp64) tensors as a {@code .safetensors} file that HuggingFace reads: the header
 * sorted by key, data laid out in the same order, the header padded with spaces to a multiple of 8 bytes.
 */
public final class SafetensorsWriter {

    /** One tensor: exactly one of {@code floats} (F32) and {@code doubles} (F64) is set. */
    private record Entry(long[] shape, float[] floats, double[] doubles) {
        int length() {
            return floats != null ? floats.length : doubles.length;
        }

        int bytes() {
            return floats != null ? 4 : 8;
        }
    }

    private final Map<String, Entry> tensors = new LinkedHashMap<>();
    private final Map<String, String> metadata = new LinkedHashMap<>();

    /** Adds tensor {@code name}; {@code values.length} must equal the product of {@code shape}. */
    public SafetensorsWriter add(String name, long[] shape, float[] values) {
        checkShape(name, shape, values.length);
        tensors.put(name, new Entry(shape.clone(), values, null));
        return this;
    }

    /** Adds an F64 tensor {@code name}; {@code values.length} must equal the product of {@code shape}. */
    public SafetensorsWriter add(String name, long[] shape, double[] values) {
        checkShape(name, shape, values.length);
        tensors.put(name, new Entry(shape.clone(), null, values));
        return this;
    }

    private static void checkShape(String name, long[] shape, int length) {
        long n = 1;
        for (long d : shape) {
            n = Math.multiplyExact(n, d);
        }
        if (n != length) {
            throw new IllegalArgumentException("tensor " + name + ": shape implies " + n + " values, got " + length);
        }
    }

    /** Adds a {@code __metadata__} entry. */
    public SafetensorsWriter metadata(String key, String value) {
        metadata.put(key, value);
        return this;
    }

    /**
     * Writes the file, replacing it atomically: the bytes go to {@code <file>.tmp} first, which is
     * then moved into place, so a reader (or a run killed mid-write) never sees half a file.
     */
    public void write(Path file) throws IOException {
        JsonObject header = new JsonObject();
        if (!metadata.isEmpty()) {
            JsonObject meta = new JsonObject();
            metadata.forEach(meta::addProperty);
            header.add("__metadata__", meta);
        }
        long offset = 0;
        var names = tensors.keySet().stream().sorted().toList();
        for (String name : names) {
            Entry e = tensors.get(name);
            JsonObject t = new JsonObject();
            t.addProperty("dtype", e.floats() != null ? "F32" : "F64");
            JsonArray shape = new JsonArray();
            for (long d : e.shape()) {
                shape.add(d);
            }
            t.add("shape", shape);
            JsonArray offsets = new JsonArray();
            offsets.add(offset);
            offset += (long) e.bytes() * e.length();
            offsets.add(offset);
            t.add("data_offsets", offsets);
            header.add(name, t);
        }
        byte[] json = header.toString().getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) / 8 * 8;
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            ByteBuffer length = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(padded);
            out.write(length.array());
            out.write(json);
            for (int i = json.length; i < padded; i++) {
                out.write(' ');
            }
            for (String name : names) {
                Entry e = tensors.get(name);
                ByteBuffer buffer = ByteBuffer.allocate(e.bytes() * e.length()).order(ByteOrder.LITTLE_ENDIAN);
                if (e.floats() != null) {
                    buffer.asFloatBuffer().put(e.floats());
                } else {
                    buffer.asDoubleBuffer().put(e.doubles());
                }
                out.write(buffer.array());
            }
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
