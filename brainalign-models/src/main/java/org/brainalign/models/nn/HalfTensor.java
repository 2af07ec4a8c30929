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
 * float32 lands back on its own bits. Its memory is one of three kinds: a {@link #view} of a
 * memory-mapped safetensors file (no copy), values {@link #allocate}d and written, or values
 * {@link #deferred} until first read (generated weights).
 */
public final class HalfTensor {
    /** The two 16-bit float formats. */
    public enum Kind {
        /** bfloat16: float32's exponent, 8 significant bits (relative rounding ≤ 2^−9). */
        BF16,
        /** IEEE 754 binary16: 11 significant bits, largest finite value 65504. */
        F16
    }

    /** Little-endian, as safetensors stores 16-bit values, so a mapped file and an allocated tensor read alike. */
    private static final ValueLayout.OfShort SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(java.nio.ByteOrder.LITTLE_ENDIAN);
    private static final int CHUNK = 1 << 20;

    private final Kind kind;
    private final long[] shape;
    /** The values; for a deferred tensor, set (in {@link #values}) before its filler runs. */
    private MemorySegment bits;
    /** Until a deferred tensor is first read: where its memory comes from and what fills it. */
    private Arena pendingArena;
    private java.util.function.Consumer<HalfTensor> pendingFill;
    private volatile boolean ready;
    /** Whether {@link #bits} was allocated for this tensor (not a view of memory it was given). */
    private final boolean allocated;

    private HalfTensor(Kind kind, long[] shape, MemorySegment bits, boolean allocated) {
        this.allocated = allocated;
        this.kind = kind;
        this.shape = shape.clone();
        this.bits = bits;
        this.ready = bits != null;
    }

    private static long count(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    /** An uninitialised tensor of {@code shape} in {@code arena}. */
    public static HalfTensor allocate(Arena arena, Kind kind, long[] shape) {
        return new HalfTensor(kind, shape, arena.allocate(count(shape) * 2, 2), true);
    }

    /**
     * A tensor over {@code stored}, 16-bit values as a safetensors file holds them (little-endian,
     * row-major), without a copy: for a memory-mapped checkpoint, the file's pages are the weights.
     * {@code stored} must stay readable as long as the tensor is used.
     */
    public static HalfTensor view(Kind kind, long[] shape, MemorySegment stored) {
        long n = count(shape);
        if (stored.byteSize() != n * 2) {
            throw new IllegalArgumentException("16-bit tensor of shape " + java.util.Arrays.toString(shape) + " needs "
                    + n * 2 + " bytes; found " + stored.byteSize());
        }
        return new HalfTensor(kind, shape, stored, false);
    }

    /**
     * A tensor whose memory is taken from {@code arena} and filled by {@code fill} (through
     * {@link #write}) only when it is first read: a generated matrix that a run never uses (an LM head
     * when only hidden states are asked for) then costs no memory.
     */
    public static HalfTensor deferred(Arena arena, Kind kind, long[] shape, java.util.function.Consumer<HalfTensor> fill) {
        HalfTensor h = new HalfTensor(kind, shape, null, true);
        h.pendingArena = arena;
        h.pendingFill = fill;
        return h;
    }

    /** The values, filling a deferred tensor on first use. */
    private MemorySegment values() {
        if (!ready) {
            synchronized (this) {
                if (!ready) {
                    bits = pendingArena.allocate(elementCount() * 2, 2);
                    pendingFill.accept(this);
                    pendingFill = null;
                    pendingArena = null;
                    ready = true;
                }
            }
        }
        return bits;
    }

    /** Bytes this tensor allocated: 0 for a view, or for a deferred tensor not yet read. */
    public long allocatedBytes() {
        return allocated && ready ? elementCount() * 2 : 0;
    }

    /** How many values are NaN or infinite (all-ones exponent), reading every value once, in parallel for large tensors. */
    public long countNonFinite() {
        MemorySegment s = values();
        long n = elementCount();
        int exponent = kind == Kind.BF16 ? 0x7F80 : 0x7C00;
        LongStream chunks = LongStream.range(0, (n + CHUNK - 1) / CHUNK);
        return (n > CHUNK ? chunks.parallel() : chunks).map(c -> {
            long found = 0;
            for (long i = c * CHUNK, end = Math.min(n, i + CHUNK); i < end; i++) {
                if ((s.getAtIndex(SHORT, i) & exponent) == exponent) {
                    found++;
                }
            }
            return found;
        }).sum();
    }

    public Kind kind() {
        return kind;
    }

    public long[] shape() {
        return shape.clone();
    }

    /** Number of elements. */
    public long elementCount() {
        return count(shape);
    }

    /** Writes {@code values[0, count)} at elements {@code [offset, offset + count)}, rounded to the nearest 16-bit value. */
    public void write(long offset, float[] values, int count) {
        if (offset < 0 || count < 0 || offset + count > elementCount()) {
            throw new IndexOutOfBoundsException("range " + offset + "+" + count + " of " + elementCount() + " elements");
        }
        MemorySegment bits = this.bits; // set before a deferred tensor's filler writes
        for (int i = 0; i < count; i++) {
            bits.setAtIndex(SHORT, offset + i, kind == Kind.BF16 ? toBf16(values[i]) : Float.floatToFloat16(values[i]));
        }
    }

    /** Element {@code i} as a float. */
    public float get(long i) {
        short s = values().getAtIndex(SHORT, i);
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
        MemorySegment bits = values();
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
