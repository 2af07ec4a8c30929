package org.brainalign.models.safetensors;

import java.util.Arrays;

/**
 * One tensor's header entry in a safetensors file: its element type, shape and the byte range of
 * its data, relative to the start of the data section (just after the header).
 *
 * @param name the tensor key as written by HuggingFace
 * @param dtype element type
 * @param shape dimensions (empty for a scalar)
 * @param begin first byte (inclusive) within the data section
 * @param end last byte (exclusive) within the data section
 */
public record TensorInfo(String name, DType dtype, long[] shape, long begin, long end) {

    public TensorInfo {
        shape = shape.clone();
    }

    /** Number of elements: the product of the shape (1 for a scalar). */
    public long elementCount() {
        long n = 1;
        for (long d : shape) {
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    /** Byte length of the data. */
    public long byteLength() {
        return end - begin;
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** The shape as {@code [a, b, c]}. */
    public String shapeString() {
        return Arrays.toString(shape);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TensorInfo t && name.equals(t.name) && dtype == t.dtype && Arrays.equals(shape, t.shape)
                && begin == t.begin && end == t.end;
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return name + " " + dtype + shapeString() + " @[" + begin + ", " + end + ")";
    }
}
