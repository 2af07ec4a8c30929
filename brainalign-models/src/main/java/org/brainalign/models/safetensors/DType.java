package org.brainalign.models.safetensors;

import java.util.Arrays;
import java.util.Optional;

/**
 * The element types the safetensors format defines, with their size in bytes. Only the floating
 * types {@link #F32}, {@link #F16}, {@link #BF16} (and {@link #F64}) can be read as fp32 weights;
 * the integer types are readable as {@code long} (e.g. token ids in fixtures).
 */
public enum DType {
    BOOL(1), U8(1), I8(1), F8_E4M3(1), F8_E5M2(1), I16(2), U16(2), F16(2), BF16(2),
    I32(4), U32(4), F32(4), F64(8), I64(8), U64(8);

    private final int bytes;

    DType(int bytes) {
        this.bytes = bytes;
    }

    /** Size of one element in bytes. */
    public int bytes() {
        return bytes;
    }

    /** Whether {@link SafetensorsFile#floats} can convert this type to fp32. */
    public boolean isFloat() {
        return this == F32 || this == F16 || this == BF16 || this == F64;
    }

    /** Whether {@link SafetensorsFile#longs} can read this type. */
    public boolean isInteger() {
        return this == I64 || this == I32 || this == I16 || this == I8 || this == U8 || this == U16 || this == U32;
    }

    /** The type named {@code name} in a header, if the format defines it. */
    public static Optional<DType> parse(String name) {
        return Arrays.stream(values()).filter(t -> t.name().equals(name)).findFirst();
    }
}
