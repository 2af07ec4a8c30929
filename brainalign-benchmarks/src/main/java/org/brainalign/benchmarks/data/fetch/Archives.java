package org.brainalign.benchmarks.data.fetch;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.brainalign.benchmarks.data.DataMissingException;

/**
 * Takes one member out of a downloaded archive: a zip (WikiText, GloVe, NumPy's {@code .npz}) or a
 * gzip-compressed tar ({@code .tgz}, npm packages), told apart by their first bytes. Only the named
 * member is written, to a path the caller chose, so no name inside an archive decides where a file
 * goes. A damaged archive or a missing member is a {@link DataMissingException} naming the archive and
 * the member.
 */
public final class Archives {
    private static final int BLOCK = 512;

    private Archives() {}

    /** Writes member {@code member} of {@code archive} to {@code out}; {@code copied} receives bytes written so far. */
    public static void extract(Path archive, String member, Path out, java.util.function.LongConsumer copied) {
        try {
            if (isZip(archive)) {
                try (ZipFile zip = new ZipFile(archive.toFile())) {
                    ZipEntry e = zip.getEntry(member);
                    if (e == null || e.isDirectory()) {
                        throw new DataMissingException(archive + " has no member " + member + " (it holds " + names(zip) + ")");
                    }
                    try (InputStream in = zip.getInputStream(e)) {
                        copy(in, out, Long.MAX_VALUE, copied);
                    }
                }
                return;
            }
            try (InputStream in = new BufferedInputStream(new GZIPInputStream(Files.newInputStream(archive), 1 << 16), 1 << 16)) {
                if (!extractFromTar(in, member, out, copied)) {
                    throw new DataMissingException(archive + " has no member " + member);
                }
            }
        } catch (IOException e) {
            throw new DataMissingException(archive + ": not a readable zip or .tgz archive, or damaged (" + e.getMessage()
                    + "); delete it and fetch again", e);
        }
    }

    /** The members of a zip file, in the archive's order (NumPy's {@code .npz} keeps its arrays' order there). */
    public static List<String> zipMembers(Path archive) throws IOException {
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            List<String> out = new ArrayList<>();
            zip.stream().filter(e -> !e.isDirectory()).forEach(e -> out.add(e.getName()));
            return out;
        }
    }

    private static boolean isZip(Path p) throws IOException {
        try (InputStream in = Files.newInputStream(p)) {
            byte[] magic = in.readNBytes(4);
            return magic.length == 4 && magic[0] == 'P' && magic[1] == 'K' && magic[2] == 3 && magic[3] == 4;
        }
    }

    private static String names(ZipFile zip) {
        List<String> names = zip.stream().limit(5).map(ZipEntry::getName).toList();
        return String.join(", ", names) + (zip.size() > 5 ? ", …" : "");
    }

    /** POSIX ustar with GNU long names and pax path records, which npm and GNU tar write. */
    private static boolean extractFromTar(InputStream in, String member, Path out, java.util.function.LongConsumer copied)
            throws IOException {
        String longName = null;
        while (true) {
            byte[] header = in.readNBytes(BLOCK);
            if (header.length < BLOCK) {
                throw new IOException("tar archive ends inside a header");
            }
            if (allZero(header)) {
                return false;
            }
            long size = octal(header, 124, 12);
            char type = (char) header[156];
            String name = longName != null ? longName : ustarName(header);
            longName = null;
            long padded = (size + BLOCK - 1) / BLOCK * BLOCK;
            if (type == 'L' || type == 'x') {
                if (size > 1 << 20) {
                    throw new IOException("tar long-name record of " + size + " bytes");
                }
                byte[] data = in.readNBytes((int) padded);
                String text = new String(data, 0, (int) Math.min(size, data.length), StandardCharsets.UTF_8);
                longName = type == 'L' ? text.replace("\0", "") : paxPath(text);
                continue;
            }
            if ((type == '0' || type == 0) && name.equals(member)) {
                copy(in, out, size, copied);
                return true;
            }
            skip(in, padded);
        }
    }

    private static String ustarName(byte[] h) {
        String name = field(h, 0, 100);
        String prefix = new String(h, 257, 5, StandardCharsets.US_ASCII).equals("ustar") ? field(h, 345, 155) : "";
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    private static String paxPath(String records) {
        for (String line : records.split("\n")) {
            int eq = line.indexOf(" path=");
            if (eq >= 0) {
                return line.substring(eq + " path=".length());
            }
        }
        return null;
    }

    private static String field(byte[] h, int from, int len) {
        int end = from;
        while (end < from + len && h[end] != 0) {
            end++;
        }
        return new String(h, from, end - from, StandardCharsets.UTF_8);
    }

    private static long octal(byte[] h, int from, int len) throws IOException {
        if ((h[from] & 0x80) != 0) { // base-256, for members over 8 GiB
            long v = h[from] & 0x7f;
            for (int i = from + 1; i < from + len; i++) {
                v = (v << 8) | (h[i] & 0xff);
            }
            return v;
        }
        String s = field(h, from, len).trim();
        try {
            return s.isEmpty() ? 0 : Long.parseLong(s, 8);
        } catch (NumberFormatException e) {
            throw new IOException("tar header size field '" + s + "' is not octal");
        }
    }

    private static boolean allZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    private static void skip(InputStream in, long n) throws IOException {
        long left = n;
        while (left > 0) {
            long s = in.skip(left);
            if (s <= 0) {
                if (in.read() < 0) {
                    throw new IOException("tar archive ends inside a member");
                }
                s = 1;
            }
            left -= s;
        }
    }

    private static void copy(InputStream in, Path out, long limit, java.util.function.LongConsumer copied) throws IOException {
        byte[] buf = new byte[1 << 16];
        long done = 0;
        try (OutputStream os = Files.newOutputStream(out)) {
            while (done < limit) {
                int n = in.read(buf, 0, (int) Math.min(buf.length, limit - done));
                if (n < 0) {
                    if (limit != Long.MAX_VALUE) {
                        throw new IOException("archive ends after " + done + " of the member's " + limit + " bytes");
                    }
                    break;
                }
                os.write(buf, 0, n);
                done += n;
                copied.accept(done);
            }
        }
    }
}
