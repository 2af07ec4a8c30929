package org.brainalign.models.safetensors;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * fp32 tensors held in memory under HuggingFace's names: what a converter (llama2.c, ONNX) produces
 * from a foreign format, so that the family's shape-checked {@code CheckpointWeights} reads it as it
 * reads a safetensors file, and {@link SafetensorsWriter} can save it. Insertion order is kept.
 */
public final class MemoryTensors implements TensorStore {
    private final String description;
    private final Map<String, float[]> values = new LinkedHashMap<>();
    private final Map<String, TensorInfo> infos = new LinkedHashMap<>();

    /** An empty store; {@code description} names its source in error messages. */
    public MemoryTensors(String description) {
        this.description = description;
    }

    /** Adds {@code name} with {@code shape}; the value count must equal the shape's product. */
    public MemoryTensors put(String name, long[] shape, float[] data) {
        TensorInfo info = new TensorInfo(name, DType.F32, shape, 0, 4L * data.length);
        if (info.elementCount() != data.length) {
            throw new IllegalArgumentException(description + ": tensor '" + name + "' has " + data.length
                    + " values but shape " + Arrays.toString(shape));
        }
        if (values.putIfAbsent(name, data) != null) {
            throw new IllegalArgumentException(description + ": tensor '" + name + "' given twice");
        }
        infos.put(name, info);
        return this;
    }

    @Override
    public Set<String> keys() {
        return Collections.unmodifiableSet(values.keySet());
    }

    @Override
    public TensorInfo info(String key) {
        TensorInfo info = infos.get(key);
        if (info == null) {
            throw new IllegalArgumentException(description + ": no tensor '" + key + "'");
        }
        return info;
    }

    @Override
    public float[] floats(String key) {
        info(key);
        return values.get(key).clone();
    }

    /** The F32 values as little-endian bytes (a heap copy; these tensors live on the heap). */
    @Override
    public java.lang.foreign.MemorySegment bytes(String key) {
        info(key);
        float[] v = values.get(key);
        java.lang.foreign.MemorySegment out = java.lang.foreign.MemorySegment.ofArray(new byte[v.length * Float.BYTES]);
        for (int i = 0; i < v.length; i++) {
            out.setAtIndex(java.lang.foreign.ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(java.nio.ByteOrder.LITTLE_ENDIAN), i, v[i]);
        }
        return out.asReadOnly();
    }

    /** Writes every tensor, in insertion order, into {@code writer}. */
    public SafetensorsWriter addTo(SafetensorsWriter writer) {
        values.forEach((k, v) -> writer.add(k, infos.get(k).shape(), v));
        return writer;
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public void close() {
    }
}
