package org.brainalign.models.safetensors;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.brainalign.models.ModelFormatException;

/**
 * One {@code .safetensors} file, memory-mapped with the FFM API and validated on open.
 *
 * <p>Layout: an 8-byte little-endian header length {@code N}, {@code N} bytes of UTF-8 JSON mapping
 * each tensor key to {@code dtype}, {@code shape} and {@code data_offsets = [begin, end)} relative to
 * the data section that follows, and the data. {@link #open} checks, before any tensor is touched:
 * the header length is within bounds and the file; the JSON is a well-formed object; each dtype is
 * known; each shape is a list of non-negative integers; offsets are ordered and inside the file;
 * {@code elements × dtype size = end − begin}; and no two tensors overlap. A violation is a
 * {@link ModelFormatException} naming the file, the key and the numbers. Because nothing is read
 * outside validated ranges, a truncated or corrupt file can never crash the JVM.
 */
public final class SafetensorsFile implements TensorStore {

    /** The format's own upper bound on the header size (100 MB). */
    public static final long MAX_HEADER_BYTES = 100L * 1024 * 1024;

    private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfShort I16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfInt I32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong I64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfDouble F64 = ValueLayout.JAVA_DOUBLE_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private final Path path;
    private final Arena arena;
    private final MemorySegment data; // the data section only
    private final Map<String, TensorInfo> tensors;
    private final Map<String, String> metadata;

    private SafetensorsFile(Path path, Arena arena, MemorySegment data, Map<String, TensorInfo> tensors,
                            Map<String, String> metadata) {
        this.path = path;
        this.arena = arena;
        this.data = data;
        this.tensors = tensors;
        this.metadata = metadata;
    }

    /** Maps and validates {@code path}. */
    public static SafetensorsFile open(Path path) {
        long size;
        try {
            size = Files.size(path);
        } catch (IOException e) {
            throw new ModelFormatException(path + ": cannot read safetensors file (" + e.getMessage() + ")", e);
        }
        if (size < 8) {
            throw new ModelFormatException(path + ": truncated safetensors file: " + size
                    + " bytes, fewer than the 8-byte header length");
        }
        Arena arena = Arena.ofShared();
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            MemorySegment file = channel.map(FileChannel.MapMode.READ_ONLY, 0, size, arena);
            long headerLength = file.get(I64, 0);
            if (headerLength < 2 || headerLength > MAX_HEADER_BYTES) {
                throw new ModelFormatException(path + ": safetensors header length is " + Long.toUnsignedString(headerLength)
                        + " bytes; expected 2.." + MAX_HEADER_BYTES + " (not a safetensors file, or corrupt)");
            }
            if (8 + headerLength > size) {
                throw new ModelFormatException(path + ": truncated safetensors file: header claims " + headerLength
                        + " bytes but the file has only " + (size - 8) + " bytes after the length field");
            }
            byte[] headerBytes = file.asSlice(8, headerLength).toArray(ValueLayout.JAVA_BYTE);
            String header = new String(headerBytes, StandardCharsets.UTF_8);
            long dataLength = size - 8 - headerLength;
            Map<String, String> metadata = new LinkedHashMap<>();
            Map<String, TensorInfo> tensors = parseHeader(path, header, dataLength, metadata);
            MemorySegment data = file.asSlice(8 + headerLength, dataLength);
            return new SafetensorsFile(path, arena, data, tensors, metadata);
        } catch (IOException e) {
            arena.close();
            throw new ModelFormatException(path + ": cannot map safetensors file (" + e.getMessage() + ")", e);
        } catch (RuntimeException e) {
            arena.close();
            throw e;
        }
    }

    private static Map<String, TensorInfo> parseHeader(Path path, String header, long dataLength,
                                                       Map<String, String> metadata) {
        JsonElement root;
        try {
            root = org.brainalign.core.json.StrictJson.parse(path + ": safetensors header", header.strip());
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(e.getMessage(), e);
        }
        if (!root.isJsonObject()) {
            throw new ModelFormatException(path + ": safetensors header must be a JSON object, found " + kind(root));
        }
        List<TensorInfo> list = new ArrayList<>();
        for (Map.Entry<String, JsonElement> entry : root.getAsJsonObject().entrySet()) {
            String key = entry.getKey();
            if (key.equals("__metadata__")) {
                if (entry.getValue().isJsonObject()) {
                    entry.getValue().getAsJsonObject().entrySet().forEach(m ->
                            metadata.put(m.getKey(), m.getValue().isJsonPrimitive() ? m.getValue().getAsString() : m.getValue().toString()));
                }
                continue;
            }
            list.add(parseEntry(path, key, entry.getValue(), dataLength));
        }
        List<TensorInfo> byOffset = new ArrayList<>(list);
        byOffset.sort(Comparator.comparingLong(TensorInfo::begin).thenComparingLong(TensorInfo::end));
        for (int i = 1; i < byOffset.size(); i++) {
            TensorInfo previous = byOffset.get(i - 1);
            TensorInfo current = byOffset.get(i);
            if (current.begin() < previous.end() && current.byteLength() > 0 && previous.byteLength() > 0) {
                throw new ModelFormatException(path + ": tensors '" + previous.name() + "' [" + previous.begin() + ", "
                        + previous.end() + ") and '" + current.name() + "' [" + current.begin() + ", " + current.end()
                        + ") overlap in the data section");
            }
        }
        Map<String, TensorInfo> tensors = new LinkedHashMap<>();
        list.stream().sorted(Comparator.comparing(TensorInfo::name)).forEach(t -> tensors.put(t.name(), t));
        return Collections.unmodifiableMap(tensors);
    }

    private static TensorInfo parseEntry(Path path, String key, JsonElement value, long dataLength) {
        String where = path + ": tensor '" + key + "'";
        if (!value.isJsonObject()) {
            throw new ModelFormatException(where + ": header entry must be an object, found " + kind(value));
        }
        JsonObject o = value.getAsJsonObject();
        JsonElement dtypeElement = o.get("dtype");
        if (dtypeElement == null || !dtypeElement.isJsonPrimitive() || !dtypeElement.getAsJsonPrimitive().isString()) {
            throw new ModelFormatException(where + ": missing string field 'dtype'");
        }
        String dtypeName = dtypeElement.getAsString();
        DType dtype = DType.parse(dtypeName).orElseThrow(() -> new ModelFormatException(where + ": unknown dtype '"
                + dtypeName + "'; expected one of " + List.of(DType.values())));
        long[] shape = longArray(where, o, "shape", -1);
        long[] offsets = longArray(where, o, "data_offsets", 2);
        long begin = offsets[0];
        long end = offsets[1];
        if (begin > end) {
            throw new ModelFormatException(where + ": data_offsets [" + begin + ", " + end + "] are reversed");
        }
        if (end > dataLength) {
            throw new ModelFormatException(where + ": data_offsets [" + begin + ", " + end + "] end past the data section of "
                    + dataLength + " bytes (file truncated or header corrupt)");
        }
        long elements;
        long bytes;
        try {
            elements = 1;
            for (long d : shape) {
                elements = Math.multiplyExact(elements, d);
            }
            bytes = Math.multiplyExact(elements, dtype.bytes());
        } catch (ArithmeticException e) {
            throw new ModelFormatException(where + ": shape " + java.util.Arrays.toString(shape) + " overflows 64 bits");
        }
        if (bytes != end - begin) {
            throw new ModelFormatException(where + ": shape " + java.util.Arrays.toString(shape) + " of " + dtype + " needs "
                    + bytes + " bytes but data_offsets [" + begin + ", " + end + "] span " + (end - begin));
        }
        return new TensorInfo(key, dtype, shape, begin, end);
    }

    private static long[] longArray(String where, JsonObject o, String field, int expectedLength) {
        JsonElement element = o.get(field);
        if (element == null || !element.isJsonArray()) {
            throw new ModelFormatException(where + ": missing array field '" + field + "'");
        }
        JsonArray array = element.getAsJsonArray();
        if (expectedLength >= 0 && array.size() != expectedLength) {
            throw new ModelFormatException(where + ": '" + field + "' must have " + expectedLength + " entries, found "
                    + array.size());
        }
        long[] values = new long[array.size()];
        for (int i = 0; i < values.length; i++) {
            JsonElement e = array.get(i);
            if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
                throw new ModelFormatException(where + ": '" + field + "'[" + i + "] must be a number, found " + e);
            }
            double d = e.getAsDouble();
            long v = e.getAsLong();
            if (v < 0 || d != v) {
                throw new ModelFormatException(where + ": '" + field + "'[" + i + "] must be a non-negative integer, found " + e);
            }
            values[i] = v;
        }
        return values;
    }

    private static String kind(JsonElement e) {
        return e.isJsonArray() ? "an array" : e.isJsonNull() ? "null" : e.isJsonPrimitive() ? "a primitive " + e : "an object";
    }

    /** The file this store maps. */
    public Path path() {
        return path;
    }

    /** The header's {@code __metadata__} string map (empty when absent). */
    public Map<String, String> metadata() {
        return Collections.unmodifiableMap(metadata);
    }

    @Override
    public Set<String> keys() {
        return tensors.keySet();
    }

    @Override
    public TensorInfo info(String key) {
        TensorInfo info = tensors.get(key);
        if (info == null) {
            throw new ModelFormatException(path + ": no tensor named '" + key + "' (the file has " + tensors.size() + " tensors)");
        }
        return info;
    }

    @Override
    public String describe() {
        return path.toString();
    }

    @Override
    public MemorySegment bytes(String key) {
        TensorInfo info = info(key);
        return data.asSlice(info.begin(), info.byteLength()).asReadOnly();
    }

    @Override
    public float[] floats(String key) {
        TensorInfo info = info(key);
        int n = arrayLength(info);
        MemorySegment s = data.asSlice(info.begin(), info.byteLength());
        float[] out = new float[n];
        switch (info.dtype()) {
            case F32 -> MemorySegment.copy(s, F32, 0, out, 0, n);
            case F16 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = Float.float16ToFloat(s.getAtIndex(I16, i));
                }
            }
            case BF16 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = Float.intBitsToFloat((s.getAtIndex(I16, i) & 0xffff) << 16);
                }
            }
            case F64 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = (float) s.getAtIndex(F64, i);
                }
            }
            default -> throw new ModelFormatException(path + ": tensor '" + key + "' has dtype " + info.dtype()
                    + "; expected a floating type (F32, F16, BF16, F64)");
        }
        return out;
    }

    /** The tensor's values as {@code double}: F64 exactly, the other floating types widened. */
    public double[] doubles(String key) {
        TensorInfo info = info(key);
        if (info.dtype() != DType.F64) {
            float[] f = floats(key);
            double[] out = new double[f.length];
            for (int i = 0; i < f.length; i++) {
                out[i] = f[i];
            }
            return out;
        }
        int n = arrayLength(info);
        double[] out = new double[n];
        MemorySegment.copy(data.asSlice(info.begin(), info.byteLength()), F64, 0, out, 0, n);
        return out;
    }

    /** The tensor's values as {@code long}, for integer dtypes (e.g. {@code input_ids}). */
    public long[] longs(String key) {
        TensorInfo info = info(key);
        int n = arrayLength(info);
        MemorySegment s = data.asSlice(info.begin(), info.byteLength());
        long[] out = new long[n];
        switch (info.dtype()) {
            case I64 -> MemorySegment.copy(s, I64, 0, out, 0, n);
            case I32 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = s.getAtIndex(I32, i);
                }
            }
            case U32 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = s.getAtIndex(I32, i) & 0xffffffffL;
                }
            }
            case I16 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = s.getAtIndex(I16, i);
                }
            }
            case U16 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = s.getAtIndex(I16, i) & 0xffff;
                }
            }
            case I8 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = s.get(ValueLayout.JAVA_BYTE, i);
                }
            }
            case U8 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = s.get(ValueLayout.JAVA_BYTE, i) & 0xff;
                }
            }
            default -> throw new ModelFormatException(path + ": tensor '" + key + "' has dtype " + info.dtype()
                    + "; expected an integer type");
        }
        return out;
    }

    private int arrayLength(TensorInfo info) {
        long n = info.elementCount();
        if (n > Integer.MAX_VALUE - 8) {
            throw new ModelFormatException(path + ": tensor '" + info.name() + "' has " + n
                    + " elements, more than one Java array can hold");
        }
        return (int) n;
    }

    @Override
    public void close() {
        arena.close();
    }
}
