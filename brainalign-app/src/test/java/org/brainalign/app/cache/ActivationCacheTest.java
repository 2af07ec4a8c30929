package org.brainalign.app.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.brainalign.core.digest.Sha256;
import org.brainalign.core.linalg.DMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A cache entry round-trips; a damaged one is reported, deleted and never allocates what its header claims. */
class ActivationCacheTest {
    @TempDir
    Path tmp;

    /** Writes an entry as the cache lays it out: magic, version 1, the header's length and the header, then {@code body}. */
    private static void writeEntry(Path f, String header, byte[] body, boolean digest) throws Exception {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        MessageDigest md = Sha256.newDigest();
        try (OutputStream raw = Files.newOutputStream(f)) {
            DataOutputStream out = new DataOutputStream(new DigestOutputStream(raw, md));
            out.write("BRAINALIGN-ACT".getBytes(StandardCharsets.US_ASCII));
            out.writeInt(1);
            out.writeInt(h.length);
            out.write(h);
            out.write(body);
            out.flush();
            if (digest) {
                raw.write(md.digest());
            }
        }
    }

    @Test
    void anEntryRoundTripsInFloat32() {
        List<String> warnings = new ArrayList<>();
        ActivationCache cache = new ActivationCache(tmp, warnings::add);
        Map<String, DMatrix> features = new LinkedHashMap<>();
        features.put("h.0", DMatrix.ofRows(new double[][] {{1, 2.5}, {-3, 0.125}}));
        cache.save("k", features);
        DMatrix back = cache.load("k").orElseThrow().get("h.0");
        assertThat(back.data()).containsExactly(features.get("h.0").data());
        assertThat(warnings).isEmpty();
    }

    /** An entry whose header claims a huge shape, with a valid checksum over what it does hold. */
    @Test
    void aHeaderClaimingAHugeShapeIsRejectedBeforeAnyAllocation() throws Exception {
        List<String> warnings = new ArrayList<>();
        ActivationCache cache = new ActivationCache(tmp, warnings::add);
        Path f = cache.file("k");
        writeEntry(f, "{\"key\":\"k\",\"layers\":[{\"name\":\"h.0\",\"rows\":2000000000,\"cols\":2000000000}]}",
                java.nio.ByteBuffer.allocate(4).putFloat(1f).array(), true);
        assertThat(cache.load("k")).isEmpty();
        assertThat(warnings).singleElement().asString().contains(f.getFileName().toString()).contains("bytes but the file has");
        assertThat(f).doesNotExist();
    }

    /**
     * A sparse file whose size matches a huge claimed shape (it once passed the size check and then
     * allocated twice its bytes: an OutOfMemoryError at every run): reported, removed, nothing allocated.
     */
    @Test
    void aSparseEntryLargerThanTheHeapIsRejectedAndRemoved() throws Exception {
        List<String> warnings = new ArrayList<>();
        ActivationCache cache = new ActivationCache(tmp, warnings::add);
        Path f = cache.file("k");
        long rows = 1 << 20;
        long cols = 1 << 14; // 64 GiB of floats, 128 GiB as doubles: more than any heap here
        String header = "{\"key\":\"k\",\"layers\":[{\"name\":\"h.0\",\"rows\":" + rows + ",\"cols\":" + cols + "}]}";
        writeEntry(f, header, new byte[0], false);
        try (java.io.RandomAccessFile sparse = new java.io.RandomAccessFile(f.toFile(), "rw")) {
            sparse.setLength(14 + 4 + 4 + header.length() + 4 * rows * cols + 32);
        }
        assertThat(cache.load("k")).isEmpty();
        assertThat(warnings).singleElement().asString().contains(f.getFileName().toString()).contains("MiB in memory");
        assertThat(f).doesNotExist();
    }

    /** A header without the fields brainalign writes: one warning in words (it leaked a NullPointerException before). */
    @Test
    void aHeaderWithoutItsFieldsIsReportedInWords() throws Exception {
        List<String> warnings = new ArrayList<>();
        ActivationCache cache = new ActivationCache(tmp, warnings::add);
        Path f = cache.file("k");
        writeEntry(f, "{\"layers\":[]}", new byte[32], false);
        assertThat(cache.load("k")).isEmpty();
        assertThat(warnings).singleElement().asString().contains(f.getFileName().toString())
                .contains("its header is not the JSON brainalign writes").doesNotContain("Exception");
        assertThat(f).doesNotExist();
    }

    /** An entry path that is a directory: the write fails with a warning and leaves no temporary file behind. */
    @Test
    void aFailedWriteLeavesNoTemporaryFile() throws Exception {
        List<String> warnings = new ArrayList<>();
        ActivationCache cache = new ActivationCache(tmp, warnings::add);
        Files.createDirectories(cache.file("k")).resolve("x");
        Files.writeString(cache.file("k").resolve("x"), "in the way");
        cache.save("k", Map.of("h.0", DMatrix.ofRows(new double[][] {{1, 2}, {3, 4}})));
        assertThat(warnings).singleElement().asString().contains("could not write");
        try (var files = Files.list(tmp)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    @Test
    void aTruncatedEntryIsReportedDeletedAndNotUsed() throws Exception {
        List<String> warnings = new ArrayList<>();
        ActivationCache cache = new ActivationCache(tmp, warnings::add);
        cache.save("k", Map.of("h.0", DMatrix.ofRows(new double[][] {{1, 2}, {3, 4}})));
        Path f = cache.file("k");
        byte[] all = Files.readAllBytes(f);
        Files.write(f, java.util.Arrays.copyOf(all, all.length - 7));
        assertThat(cache.load("k")).isEmpty();
        assertThat(warnings).singleElement().asString().contains("corrupt");
        assertThat(f).doesNotExist();
    }
}
