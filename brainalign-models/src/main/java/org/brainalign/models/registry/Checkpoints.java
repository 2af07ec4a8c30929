package org.brainalign.models.registry;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.stream.Stream;
import org.brainalign.core.digest.Sha256;

/**
 * Fingerprints a model checkpoint for the results store: SHA-256 over every file name and size in
 * the directory, the full {@code config.json} and tokenizer files, and the first MiB of each weight
 * file (the safetensors header and the start of the data) — cheap even for large models, and any
 * re-export or fine-tune changes it. Generated models ({@code untrained:…}, baselines) are fully
 * named by their identifier and return {@code generated}.
 */
public final class Checkpoints {
    private static final int PREFIX = 1 << 20;

    private Checkpoints() {}

    public static String fingerprint(String modelRef) {
        Path dir = Path.of(modelRef);
        if (modelRef.startsWith("untrained:") || !Files.isDirectory(dir)) {
            return "generated";
        }
        try (Stream<Path> files = Files.list(dir)) {
            MessageDigest md = Sha256.newDigest();
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                String name = f.getFileName().toString();
                md.update((name + ":" + Files.size(f) + ";").getBytes(java.nio.charset.StandardCharsets.UTF_8));
                boolean small = name.endsWith(".json") || name.endsWith(".txt");
                try (InputStream in = Files.newInputStream(f)) {
                    md.update(small ? in.readAllBytes() : in.readNBytes(PREFIX));
                }
            }
            return "sha256:" + Sha256.hex(md);
        } catch (IOException e) {
            throw new IllegalStateException("cannot fingerprint " + dir + ": " + e.getMessage(), e);
        }
    }
}
