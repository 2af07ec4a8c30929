package org.brainalign.models.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.brainalign.core.digest.FileDigests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checkpoint fingerprints cover every byte of every file. */
class CheckpointsTest {
    @TempDir
    Path tmp;

    private Path checkpoint(String run, byte[] weights) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve(run).resolve("final"));
        Files.writeString(dir.resolve("config.json"), "{\"model_type\": \"gpt2\"}");
        Files.write(dir.resolve("model.safetensors"), weights);
        return dir;
    }

    @Test
    void weightsThatDifferOnlyAfterTheFirstMiBHaveDifferentFingerprints() throws Exception {
        byte[] a = new byte[(1 << 20) + 4096];
        new Random(7).nextBytes(a);
        byte[] b = a.clone();
        b[b.length - 10] ^= 0x40;
        FileDigests digests = FileDigests.at(tmp.resolve("digests.tsv"));
        String fa = Checkpoints.fingerprint(checkpoint("runA", a).toString(), digests);
        String fb = Checkpoints.fingerprint(checkpoint("runB", b).toString(), digests);
        String fc = Checkpoints.fingerprint(checkpoint("runC", a).toString(), digests);
        assertThat(fa).startsWith("sha256:").isNotEqualTo(fb);
        assertThat(fc).as("the same files elsewhere").isEqualTo(fa);
        assertThat(Checkpoints.shortForm(fa)).hasSize(8).isEqualTo(fa.substring(7, 15));
        assertThat(Checkpoints.fingerprint("untrained:gpt2", digests)).isEqualTo("generated");
    }
}
