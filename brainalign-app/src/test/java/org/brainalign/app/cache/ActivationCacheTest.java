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
        byte[] header = "{\"key\":\"k\",\"layers\":[{\"name\":\"h.0\",\"rows\":2000000000,\"cols\":2000000000}]}"
                .getBytes(StandardCharsets.UTF_8);
        MessageDigest md = Sha256.newDigest();
        try (OutputStream raw = Files.newOutputStream(f)) {
            DataOutputStream out = new DataOutputStream(new DigestOutputStream(raw, md));
            out.write("BRAINALIGN-ACT".getBytes(StandardCharsets.US_ASCII));
            out.writeInt(1);
            out.writeInt(header.length);
            out.write(header);
            out.writeFloat(1f);
            out.flush();
            raw.write(md.digest());
        }
        assertThat(cache.load("k")).isEmpty();
        assertThat(warnings).singleElement().asString().contains(f.getFileName().toString()).contains("bytes but the file has");
        assertThat(f).doesNotExist();
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
