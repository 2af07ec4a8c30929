package org.brainalign.models.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.brainalign.models.ModelFormatException;

/**
 * One ONNX {@code TensorProto}: an initializer or a {@code Constant} node's value. Its data stays a
 * slice of the file until {@link #floats()} or {@link #longs()} converts it, and its element count
 * must agree with its dims.
 *
 * @param name the tensor's name ({@code onnx::MatMul_1234}, {@code encoder.layer.0.attention.self.query.bias})
 * @param dataType ONNX's {@code TensorProto.DataType} number
 * @param dims the shape
 * @param raw {@code raw_data}, or null
 * @param floatData {@code float_data}, or null
 * @param intData {@code int32_data} / {@code int64_data}, or null
 * @param external whether the data lives in an external file
 */
public record OnnxTensor(String name, int dataType, long[] dims, ByteBuffer raw, float[] floatData, long[] intData,
                         boolean external) {
    public static final int FLOAT = 1, UINT8 = 2, INT8 = 3, INT32 = 6, INT64 = 7, FLOAT16 = 10, DOUBLE = 11, BFLOAT16 = 16;

    /** The number of elements its dims imply. */
    public long elementCount() {
        long n = 1;
        for (long d : dims) {
            if (d < 0) {
                throw new ModelFormatException("tensor '" + name + "' has a negative dimension " + Arrays.toString(dims));
            }
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    /** Whether the element type is an 8-bit integer (a quantized weight). */
    public boolean quantized() {
        return dataType == INT8 || dataType == UINT8;
    }

    /** The values as fp32 (from FLOAT, FLOAT16, BFLOAT16 or DOUBLE data), row-major. */
    public float[] floats() {
        requireInternal();
        int n = count();
        if (floatData != null && floatData.length > 0) {
            return checked(floatData.clone(), floatData.length, n);
        }
        if (raw == null) {
            throw new ModelFormatException("tensor '" + name + "' has no data");
        }
        ByteBuffer b = raw.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        float[] out = new float[n];
        switch (dataType) {
            case FLOAT -> {
                checked(null, b.remaining() / 4, n, b.remaining() % 4);
                b.asFloatBuffer().get(out);
            }
            case DOUBLE -> {
                checked(null, b.remaining() / 8, n, b.remaining() % 8);
                for (int i = 0; i < n; i++) {
                    out[i] = (float) b.getDouble();
                }
            }
            case FLOAT16 -> {
                checked(null, b.remaining() / 2, n, b.remaining() % 2);
                for (int i = 0; i < n; i++) {
                    out[i] = Float.float16ToFloat(b.getShort());
                }
            }
            case BFLOAT16 -> {
                checked(null, b.remaining() / 2, n, b.remaining() % 2);
                for (int i = 0; i < n; i++) {
                    out[i] = Float.intBitsToFloat((b.getShort() & 0xffff) << 16);
                }
            }
            default -> throw new ModelFormatException("tensor '" + name + "' has data type " + typeName(dataType)
                    + "; expected FLOAT, FLOAT16, BFLOAT16 or DOUBLE weights");
        }
        return out;
    }

    /** The values as integers (INT64 or INT32 data). */
    public long[] longs() {
        requireInternal();
        int n = count();
        if (intData != null && intData.length > 0) {
            checked(null, intData.length, n, 0);
            return intData.clone();
        }
        if (raw == null) {
            throw new ModelFormatException("tensor '" + name + "' has no data");
        }
        ByteBuffer b = raw.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        long[] out = new long[n];
        int size = dataType == INT64 ? 8 : dataType == INT32 ? 4 : -1;
        if (size < 0) {
            throw new ModelFormatException("tensor '" + name + "' has data type " + typeName(dataType) + "; expected INT64 or INT32");
        }
        checked(null, b.remaining() / size, n, b.remaining() % size);
        for (int i = 0; i < n; i++) {
            out[i] = size == 8 ? b.getLong() : b.getInt();
        }
        return out;
    }

    private int count() {
        long n = elementCount();
        if (n > Integer.MAX_VALUE - 8) {
            throw new ModelFormatException("tensor '" + name + "' has " + n + " elements, more than one Java array holds");
        }
        return (int) n;
    }

    private void requireInternal() {
        if (external) {
            throw new ModelFormatException("tensor '" + name + "' keeps its data in an external file; re-export with all "
                    + "tensors inside the .onnx file (onnx.save(model, f, save_as_external_data=False))");
        }
    }

    private float[] checked(float[] values, int found, int expected) {
        checked(values, found, expected, 0);
        return values;
    }

    private void checked(float[] values, int found, int expected, int remainder) {
        if (found != expected || remainder != 0) {
            throw new ModelFormatException("tensor '" + name + "' has dims " + Arrays.toString(dims) + " (" + expected
                    + " elements) but its data holds " + found + (remainder != 0 ? " and " + remainder + " stray bytes" : ""));
        }
    }

    /** ONNX's name for a data type number. */
    public static String typeName(int t) {
        return switch (t) {
            case FLOAT -> "FLOAT";
            case UINT8 -> "UINT8";
            case INT8 -> "INT8";
            case INT32 -> "INT32";
            case INT64 -> "INT64";
            case FLOAT16 -> "FLOAT16";
            case DOUBLE -> "DOUBLE";
            case BFLOAT16 -> "BFLOAT16";
            default -> "type " + t;
        };
    }
}
