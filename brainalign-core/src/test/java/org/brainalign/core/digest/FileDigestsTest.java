package org.brainalign.core.digest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whole-file SHA-256 with a digest cache keyed by path, size and modification time. */
class FileDigestsTest {
    @TempDir
    Path tmp;

    private static String jdkSha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    void hashesEveryByteAndRehashesAChangedFile() throws Exception {
        byte[] content = new byte[3 << 20];
        new Random(1).nextBytes(content);
        Path f = tmp.resolve("weights.bin");
        Files.write(f, content);
        FileDigests digests = FileDigests.at(tmp.resolve("cache.tsv"));
        assertThat(digests.sha256(f)).isEqualTo(jdkSha256(content));

        // A change past the first MiB with the same size and a new time is a new digest.
        FileTime before = Files.getLastModifiedTime(f);
        content[content.length - 1] ^= 1;
        Files.write(f, content);
        Files.setLastModifiedTime(f, FileTime.fromMillis(before.toMillis() + 2000));
        assertThat(digests.sha256(f)).isEqualTo(jdkSha256(content));
    }

    @Test
    void aSecondInstanceReadsTheRememberedDigestAndIgnoresDamagedLines() throws Exception {
        Path f = tmp.resolve("a.bin");
        Files.write(f, new byte[] {1, 2, 3});
        Path store = tmp.resolve("remembered.tsv");
        String hex = FileDigests.at(store).sha256(f);
        assertThat(Files.readString(store)).contains(hex).contains(f.toRealPath().toString());
        // A damaged line for the same file must not be believed: only a well-formed 64-hex line is read back.
        Files.writeString(store, "zz" + hex.substring(2) + "\t3\t0\t" + f.toRealPath() + "\n", java.nio.file.StandardOpenOption.APPEND);
        Path copy = tmp.resolve("copy.tsv");
        Files.copy(store, copy);
        String real = f.toRealPath().toString();
        assertThat(Files.readString(copy).lines().filter(l -> l.contains(real)).count()).isEqualTo(2);
        assertThat(FileDigests.at(copy).sha256(f)).isEqualTo(jdkSha256(new byte[] {1, 2, 3}));
    }
}
