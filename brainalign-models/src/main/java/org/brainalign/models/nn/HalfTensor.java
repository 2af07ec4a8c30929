package org.brainalign.models.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.util.stream.LongStream;

/**
 * A parameter held as 16-bit floats (bfloat16 or IEEE half) in native memory, as a bf16/fp16
 * checkpoint stores it: half the bytes of float32, so an 8 B model fits in 16 GB. The forward pass
 * multiplies in float32: {@link #materialize} expands the tensor into a float32 tensor of a
 * short-lived scope (one block's), exactly (every 16-bit value is a float32 value). Writing rounds
 * float32 values to the nearest 16-bit value (ties to even), so a 16-bit checkpoint read through
 * float32 lands back on its own bits.
 */
public final class HalfTensor {
    /** The two 16-bit float formats. */
    public enum Kind {
        /** bfloat16: float32's exponent, 8 significant bits (relative rounding ≤ 2^−9). */
        BF16,
        /** IEEE 754 binary16: 11 significant bits, largest finite value 65504. */
        F16
    }

    private static final ValueLayout.OfShort SHORT = ValueLayout.JAVA_SHORT_UNALIGNED;
    private static final int CHUNK = 1 << 20;

    private final Kind kind;
    private final long[] shape;
    private final MemorySegment bits;

    private HalfTensor(Kind kind, long[] shape, MemorySegment bits) {
        this.kind = kind;
        this.shape = shape.clone();
        this.bits = bits;
    }

    /** An uninitialised tensor of {@code shape} in {@code arena}. */
    public static HalfTensor allocate(Arena arena, Kind kind, long[] shape) {
        long n = 1;
        for (long d : shape) {
            n = Math.multiplyExact(n, d);
        }
        return new HalfTensor(kind, shape, arena.allocate(n * 2, 2));
    }

    public Kind kind() {
        return kind;
    }

    public long[] shape() {
        return shape.clone();
    }

    /** Number of elements. */
    public long elementCount() {
        return bits.byteSize() / 2;
    }

    /** Writes {@code values[0, count)} at elements {@code [offset, offset + count)}, rounded to the nearest 16-bit value. */
    public void write(long offset, float[] values, int count) {
        if (offset < 0 || count < 0 || offset + count > elementCount()) {
            throw new IndexOutOfBoundsException("range " + offset + "+" + count + " of " + elementCount() + " elements");
        }
        for (int i = 0; i < count; i++) {
            bits.setAtIndex(SHORT, offset + i, kind == Kind.BF16 ? toBf16(values[i]) : Float.floatToFloat16(values[i]));
        }
    }

    /** Element {@code i} as a float. */
    public float get(long i) {
        short s = bits.getAtIndex(SHORT, i);
        return kind == Kind.BF16 ? Float.intBitsToFloat(s << 16) : Float.float16ToFloat(s);
    }

    /** The tensor as float32 values in a new tensor of {@code scope} (exact; large tensors expanded in parallel). */
    public NDArray materialize(NDManager scope) {
        NDArray a = scope.create(new Shape(shape), DataType.FLOAT32);
        ByteBuffer view = a.toByteBuffer(true);
        if (!view.isDirect()) {
            a.close();
            throw new IllegalStateException("libtorch gave no direct view of a new tensor");
        }
        MemorySegment target = MemorySegment.ofBuffer(view);
        long n = elementCount();
        LongStream chunks = LongStream.range(0, (n + CHUNK - 1) / CHUNK);
        (n > CHUNK ? chunks.parallel() : chunks).forEach(c -> {
            long from = c * CHUNK;
            long to = Math.min(n, from + CHUNK);
            if (kind == Kind.BF16) {
                for (long i = from; i < to; i++) {
                    target.setAtIndex(ValueLayout.JAVA_INT_UNALIGNED, i, bits.getAtIndex(SHORT, i) << 16);
                }
            } else {
                for (long i = from; i < to; i++) {
                    target.setAtIndex(ValueLayout.JAVA_FLOAT_UNALIGNED, i, Float.float16ToFloat(bits.getAtIndex(SHORT, i)));
                }
            }
        });
        return a;
    }

    /** float32 → bfloat16, round to nearest, ties to even; NaN stays NaN. */
    static short toBf16(float v) {
        int b = Float.floatToRawIntBits(v);
        if (Float.isNaN(v)) {
            return (short) ((b >>> 16) | 0x40);
        }
        int rounding = 0x7FFF + ((b >>> 16) & 1);
        return (short) ((b + rounding) >>> 16);
    }
}
