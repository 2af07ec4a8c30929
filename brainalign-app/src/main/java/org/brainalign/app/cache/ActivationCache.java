package org.brainalign.app.cache;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.brainalign.core.linalg.DMatrix;
import org.brainalign.core.digest.Sha256;

/**
 * Content-addressed activation cache. An entry's address is the SHA-256 of its full key — model
 * (weights fingerprint and id), tokenizer, context policy, recorded layers and the stimuli as
 * presented — so any change to any of them is a different entry. The file is
 * {@code BRAINALIGN-ACT} magic, format version 1, the key and layer shapes as JSON, the float32
 * values, and a SHA-256 of everything before it. A truncated or altered entry fails its checksum,
 * is reported through {@code warnings}, deleted and recomputed; it is never used.
 */
public final class ActivationCache {
    private static final byte[] MAGIC = "BRAINALIGN-ACT".getBytes(StandardCharsets.US_ASCII);
    private static final int VERSION = 1;

    private final Path dir;
    private final Consumer<String> warnings;

    public ActivationCache(Path dir, Consumer<String> warnings) {
        this.dir = dir;
        this.warnings = warnings;
    }

    /** The entry file of a key. */
    public Path file(String key) {
        return dir.resolve(Sha256.hex(key.getBytes(StandardCharsets.UTF_8)) + ".act");
    }

    /** The cached features of {@code key}, or empty (absent, or corrupt and removed). */
    public Optional<Map<String, DMatrix>> load(String key) {
        Path f = file(key);
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        try (InputStream raw = new java.io.BufferedInputStream(Files.newInputStream(f), 1 << 20)) {
            MessageDigest md = Sha256.newDigest();
            DataInputStream in = new DataInputStream(new DigestInputStream(raw, md));
            byte[] magic = in.readNBytes(MAGIC.length);
            if (!Arrays.equals(magic, MAGIC) || in.readInt() != VERSION) {
                return corrupt(f, "not a brainalign activation file (magic/version)");
            }
            int headerLength = checkedLength(in.readInt(), f);
            byte[] headerBytes = in.readNBytes(headerLength);
            if (headerBytes.length != headerLength) {
                return corrupt(f, "header cut short: " + headerBytes.length + " of " + headerLength + " bytes");
            }
            JsonObject header = JsonParser.parseString(new String(headerBytes, StandardCharsets.UTF_8)).getAsJsonObject();
            if (!key.equals(header.get("key").getAsString())) {
                return corrupt(f, "entry belongs to another key");
            }
            // The shapes must account for the file's size exactly before anything is allocated, so a damaged
            // header can never ask for more memory than the file holds.
            long expectedBytes = MAGIC.length + 4L + 4L + headerLength + 32L;
            for (var e : header.getAsJsonArray("layers")) {
                JsonObject l = e.getAsJsonObject();
                long rows = l.get("rows").getAsLong();
                long cols = l.get("cols").getAsLong();
                if (rows < 0 || cols < 0 || rows > Integer.MAX_VALUE || cols > Integer.MAX_VALUE) {
                    return corrupt(f, "layer " + l.get("name") + " claims shape " + rows + " x " + cols);
                }
                try {
                    expectedBytes = Math.addExact(expectedBytes, Math.multiplyExact(4L, Math.multiplyExact(rows, cols)));
                } catch (ArithmeticException overflow) {
                    expectedBytes = Long.MAX_VALUE;
                }
            }
            long size = Files.size(f);
            if (expectedBytes != size) {
                return corrupt(f, "the header's shapes need " + expectedBytes + " bytes but the file has " + size);
            }
            // The matrices hold doubles, twice the file's floats: an entry (a sparse file, say) that this JVM could
            // not hold is dropped before anything is allocated; recomputing reports the real need, if any.
            long need = 2 * (expectedBytes - headerLength);
            Runtime rt = Runtime.getRuntime();
            long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
            if (need > free) {
                return corrupt(f, "its shapes need " + need / (1 << 20) + " MiB in memory, more than the "
                        + free / (1 << 20) + " MiB this JVM has free");
            }
            Map<String, DMatrix> out = new LinkedHashMap<>();
            for (var e : header.getAsJsonArray("layers")) {
                JsonObject l = e.getAsJsonObject();
                int rows = l.get("rows").getAsInt();
                int cols = l.get("cols").getAsInt();
                DMatrix m = DMatrix.zeros(rows, cols);
                byte[] row = new byte[4 * cols];
                for (int i = 0; i < rows; i++) {
                    // One read per row (the digest sees the same bytes); big-endian floats, as written.
                    in.readFully(row);
                    java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(row);
                    for (int j = 0; j < cols; j++) {
                        m.set(i, j, b.getFloat());
                    }
                }
                out.put(l.get("name").getAsString(), m);
            }
            byte[] expected = md.digest();
            byte[] stored = raw.readNBytes(32);
            if (!Arrays.equals(expected, stored) || raw.read() != -1) {
                return corrupt(f, "checksum mismatch (truncated or altered)");
            }
            return Optional.of(out);
        } catch (java.io.EOFException e) {
            return corrupt(f, "it ends early (truncated)");
        } catch (IOException e) {
            return corrupt(f, "it cannot be read: " + e.getMessage());
        } catch (OutOfMemoryError e) {
            return corrupt(f, "its values do not fit in memory");
        } catch (RuntimeException e) {
            // A header without the fields brainalign writes, of other types, or not JSON at all: said in words, not as the
            // exception a JSON accessor threw on the way.
            return corrupt(f, "its header is not the JSON brainalign writes (key, layers with name, rows and cols)");
        }
    }

    private static int checkedLength(int n, Path f) throws IOException {
        if (n < 0 || n > 1 << 24) {
            throw new IOException(f + ": implausible header length " + n);
        }
        return n;
    }

    private Optional<Map<String, DMatrix>> corrupt(Path f, String why) {
        warnings.accept("activation cache entry " + f + " is corrupt (" + why + "); recomputing");
        try {
            Files.deleteIfExists(f);
        } catch (IOException ignored) {
            // a stale file is harmless: it fails its checksum again
        }
        return Optional.empty();
    }

    /** Writes an entry atomically (temporary file, then rename). */
    public void save(String key, Map<String, DMatrix> features) {
        try {
            Files.createDirectories(dir);
            JsonObject header = new JsonObject();
            header.addProperty("key", key);
            JsonArray layers = new JsonArray();
            for (var e : features.entrySet()) {
                JsonObject l = new JsonObject();
                l.addProperty("name", e.getKey());
                l.addProperty("rows", e.getValue().rows());
                l.addProperty("cols", e.getValue().cols());
                layers.add(l);
            }
            header.add("layers", layers);
            byte[] headerBytes = header.toString().getBytes(StandardCharsets.UTF_8);
            Path tmp = Files.createTempFile(dir, "act", ".tmp");
            try {
                write(tmp, headerBytes, features);
                Files.move(tmp, file(key), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp); // after a failed write or move (the entry's path a directory, say), nothing is left
            }
        } catch (IOException e) {
            warnings.accept("could not write the activation cache entry for " + key + ": " + e.getMessage());
        }
    }

    private static void write(Path tmp, byte[] headerBytes, Map<String, DMatrix> features) throws IOException {
        MessageDigest md = Sha256.newDigest();
        try (OutputStream raw = new java.io.BufferedOutputStream(Files.newOutputStream(tmp), 1 << 20)) {
            DataOutputStream out = new DataOutputStream(new DigestOutputStream(raw, md));
            out.write(MAGIC);
            out.writeInt(VERSION);
            out.writeInt(headerBytes.length);
            out.write(headerBytes);
            for (DMatrix m : features.values()) {
                java.nio.ByteBuffer row = java.nio.ByteBuffer.allocate(4 * m.cols()); // big-endian, as DataOutput writes
                for (int i = 0; i < m.rows(); i++) {
                    row.clear();
                    for (int j = 0; j < m.cols(); j++) {
                        row.putFloat((float) m.get(i, j));
                    }
                    out.write(row.array());
                }
            }
            out.flush();
            raw.write(md.digest());
        }
    }
}
