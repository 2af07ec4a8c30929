package org.brainalign.benchmarks.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.brainalign.core.linalg.DMatrix;

/**
 * Reads a 2-D numpy {@code .npy} array (format versions 1–3, little-endian float64/float32/int64/
 * int32, C or Fortran order) into a {@link DMatrix}. The header is validated and the payload size
 * checked against the shape before anything is read, so a truncated file is an error that names it,
 * never a partial matrix.
 */
public final class NpyReader {
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([<>|=]?)([fi])(\\d)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(\\s*(\\d+)\\s*,\\s*(\\d+)\\s*,?\\s*\\)");

    private NpyReader() {}

    public static DMatrix read(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            ByteBuffer head = ByteBuffer.allocate((int) Math.min(size, 12)).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, head, 0);
            head.flip();
            if (size < 10 || head.get() != (byte) 0x93 || head.get() != 'N' || head.get() != 'U' || head.get() != 'M'
                    || head.get() != 'P' || head.get() != 'Y') {
                throw new DataMissingException(file + ": not a .npy file (expected the magic \\x93NUMPY)");
            }
            int major = head.get();
            head.get();
            long headerLen;
            long offset;
            if (major == 1) {
                headerLen = head.getShort() & 0xffff;
                offset = 10;
            } else if (major == 2 || major == 3) {
                if (size < 12) {
                    throw new DataMissingException(file + ": truncated .npy header");
                }
                headerLen = head.getInt() & 0xffffffffL;
                offset = 12;
            } else {
                throw new DataMissingException(file + ": unsupported .npy format version " + major + " (expected 1, 2 or 3)");
            }
            if (offset + headerLen > size || headerLen > 1 << 20) {
                throw new DataMissingException(file + ": .npy header of " + headerLen + " bytes runs past the end of the file");
            }
            ByteBuffer hb = ByteBuffer.allocate((int) headerLen);
            readFully(ch, hb, offset);
            String header = new String(hb.array(), StandardCharsets.ISO_8859_1);
            Matcher d = DESCR.matcher(header);
            Matcher f = FORTRAN.matcher(header);
            Matcher s = SHAPE.matcher(header);
            if (!d.find() || !f.find() || !s.find()) {
                throw new DataMissingException(file + ": expected a 2-D float or int array in the .npy header, found " + header.trim());
            }
            if (d.group(1).equals(">")) {
                throw new DataMissingException(file + ": big-endian .npy arrays are not supported; save with dtype '<f8'");
            }
            char kind = d.group(2).charAt(0);
            int width = Integer.parseInt(d.group(3));
            if (width != 4 && width != 8) {
                throw new DataMissingException(file + ": unsupported element width " + width + " (expected 4 or 8 bytes)");
            }
            boolean fortran = f.group(1).equals("True");
            int rows = Integer.parseInt(s.group(1));
            int cols = Integer.parseInt(s.group(2));
            long payload = (long) rows * cols * width;
            long start = offset + headerLen;
            if (start + payload != size) {
                throw new DataMissingException(file + ": shape (" + rows + ", " + cols + ") needs " + payload + " bytes of data, found "
                        + (size - start) + " (truncated or corrupt)");
            }
            ByteBuffer data = ch.map(FileChannel.MapMode.READ_ONLY, start, payload).order(ByteOrder.LITTLE_ENDIAN);
            DMatrix m = DMatrix.zeros(rows, cols);
            double[] out = m.data();
            long n = (long) rows * cols;
            for (long k = 0; k < n; k++) {
                double v = switch (kind) {
                    case 'f' -> width == 8 ? data.getDouble() : data.getFloat();
                    default -> width == 8 ? data.getLong() : data.getInt();
                };
                int i;
                int j;
                if (fortran) {
                    i = (int) (k % rows);
                    j = (int) (k / rows);
                } else {
                    i = (int) (k / cols);
                    j = (int) (k % cols);
                }
                out[i + j * rows] = v;
            }
            return m;
        } catch (IOException e) {
            throw new DataMissingException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static void readFully(FileChannel ch, ByteBuffer buf, long pos) throws IOException {
        while (buf.hasRemaining()) {
            int n = ch.read(buf, pos);
            if (n < 0) {
                throw new IOException("unexpected end of file");
            }
            pos += n;
        }
    }
}
