package org.brainalign.models.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.brainalign.models.ModelFormatException;

/**
 * A cursor over one protobuf message in wire format: field tags, varints, fixed 32/64-bit values and
 * length-delimited fields (returned as slices of the same buffer, without copying). Every length is
 * checked against the bytes that remain, so a truncated or corrupt file is an {@link ModelFormatException},
 * never an allocation of a bogus size. {@code where} names the message in errors.
 */
final class Wire {
    static final int VARINT = 0, FIXED64 = 1, LENGTH = 2, FIXED32 = 5;

    private final ByteBuffer buf;
    private final String where;
    private int tag;

    Wire(ByteBuffer buf, String where) {
        this.buf = buf.slice().order(ByteOrder.LITTLE_ENDIAN);
        this.where = where;
    }

    /** Advances to the next field; false at the end of the message. */
    boolean next() {
        if (!buf.hasRemaining()) {
            return false;
        }
        long t = varint();
        if (t >>> 3 == 0 || t > Integer.MAX_VALUE) {
            throw new ModelFormatException(where + ": invalid field tag " + t + " at byte " + buf.position());
        }
        tag = (int) t;
        return true;
    }

    int field() {
        return tag >>> 3;
    }

    int type() {
        return tag & 7;
    }

    long varint() {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (!buf.hasRemaining()) {
                throw new ModelFormatException(where + ": truncated inside a varint");
            }
            byte b = buf.get();
            result |= (long) (b & 0x7f) << shift;
            if (b >= 0) {
                return result;
            }
        }
        throw new ModelFormatException(where + ": varint longer than 10 bytes");
    }

    /** A length-delimited field's bytes, as a little-endian slice. */
    ByteBuffer bytes() {
        requireType(LENGTH);
        long len = varint();
        if (len < 0 || len > buf.remaining()) {
            throw new ModelFormatException(where + ": field " + field() + " claims " + len + " bytes but " + buf.remaining()
                    + " remain (truncated file?)");
        }
        ByteBuffer slice = buf.slice(buf.position(), (int) len).order(ByteOrder.LITTLE_ENDIAN);
        buf.position(buf.position() + (int) len);
        return slice;
    }

    String string() {
        ByteBuffer b = bytes();
        byte[] a = new byte[b.remaining()];
        b.get(a);
        return new String(a, StandardCharsets.UTF_8);
    }

    float fixed32Float() {
        requireType(FIXED32);
        need(4);
        return buf.getFloat();
    }

    /** An integer field, which may be a single varint or a packed run; {@code sink} receives each. */
    void longs(java.util.function.LongConsumer sink) {
        if (type() == LENGTH) {
            Wire packed = new Wire(bytes(), where);
            while (packed.buf.hasRemaining()) {
                sink.accept(packed.varint());
            }
        } else {
            requireType(VARINT);
            sink.accept(varint());
        }
    }

    /** Skips the current field's value. */
    void skip() {
        switch (type()) {
            case VARINT -> varint();
            case FIXED64 -> advance(8);
            case LENGTH -> bytes();
            case FIXED32 -> advance(4);
            default -> throw new ModelFormatException(where + ": unsupported wire type " + type() + " for field " + field());
        }
    }

    private void advance(int n) {
        need(n);
        buf.position(buf.position() + n);
    }

    private void need(int n) {
        if (buf.remaining() < n) {
            throw new ModelFormatException(where + ": truncated inside field " + field());
        }
    }

    private void requireType(int t) {
        if (type() != t) {
            throw new ModelFormatException(where + ": field " + field() + " has wire type " + type() + ", expected " + t);
        }
    }
}
