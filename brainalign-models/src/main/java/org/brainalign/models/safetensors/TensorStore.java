package org.brainalign.models.safetensors;

import java.util.Set;

/**
 * Read access to a set of named tensors, whether they sit in one safetensors file or in the shards
 * of a checkpoint. Every floating type is returned as fp32.
 */
public interface TensorStore extends AutoCloseable {

    /** All tensor keys, in a stable order. */
    Set<String> keys();

    /** Whether the store has a tensor named {@code key}. */
    default boolean contains(String key) {
        return keys().contains(key);
    }

    /** The header entry of {@code key}; an error naming the file and key when absent. */
    TensorInfo info(String key);

    /** The tensor's values converted to fp32, row-major. */
    float[] floats(String key);

    /**
     * The tensor's stored bytes (little-endian, row-major, {@link TensorInfo#byteLength} of them),
     * read-only and without a copy: a view of the mapped file, valid until this store closes.
     */
    java.lang.foreign.MemorySegment bytes(String key);

    /** Where the tensors come from, for error messages. */
    String describe();

    @Override
    void close();
}
