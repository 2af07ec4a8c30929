package org.brainalign.models.registry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import java.util.stream.Stream;
import org.brainalign.core.digest.FileDigests;
import org.brainalign.core.digest.Sha256;

/**
 * Fingerprints a model checkpoint for the results store: SHA-256 over every file's name, size and
 * whole-content SHA-256 in the directory (weights included, every byte), so two checkpoints share a
 * fingerprint only when every file is the same. Each file is read once: its digest is remembered by
 * path, size and modification time ({@link FileDigests}). A single-file model (a llama2.c
 * checkpoint, a GloVe text file) is fingerprinted the same way as a directory of that one file.
 * Generated models ({@code untrained:…}, baselines) are fully named by their identifier and return
 * {@code generated}.
 */
public final class Checkpoints {
    private Checkpoints() {}

    /** The fingerprint of {@code modelRef}: a directory or a single model file; {@code generated} otherwise. */
    public static String fingerprint(String modelRef) {
        return fingerprint(modelRef, FileDigests.shared());
    }

    /** The fingerprint of {@code modelRef}, with file digests remembered in {@code digests}. */
    public static String fingerprint(String modelRef, FileDigests digests) {
        if (modelRef.startsWith("untrained:")) {
            return "generated";
        }
        Path dir = Path.of(modelRef);
        if (Files.isRegularFile(dir)) {
            return fingerprint(List.of(dir), dir, digests);
        }
        if (!Files.isDirectory(dir)) {
            return "generated";
        }
        try (Stream<Path> files = Files.list(dir)) {
            return fingerprint(files.filter(Files::isRegularFile).sorted().toList(), dir, digests);
        } catch (IOException e) {
            throw new IllegalStateException("cannot fingerprint " + dir + ": " + e.getMessage(), e);
        }
    }

    /** SHA-256 over {@code files}: each name, size and whole-content digest. */
    private static String fingerprint(List<Path> files, Path where, FileDigests digests) {
        try {
            MessageDigest md = Sha256.newDigest();
            for (Path f : files) {
                String entry = f.getFileName() + ":" + Files.size(f) + ":" + digests.sha256(f) + ";";
                md.update(entry.getBytes(StandardCharsets.UTF_8));
            }
            return "sha256:" + Sha256.hex(md);
        } catch (IOException e) {
            throw new IllegalStateException("cannot fingerprint " + where + ": " + e.getMessage(), e);
        }
    }

    /** The first eight hex digits of a fingerprint ({@code sha256:…}), or the fingerprint itself when it is not a hash. */
    public static String shortForm(String fingerprint) {
        String hex = fingerprint.startsWith("sha256:") ? fingerprint.substring("sha256:".length()) : fingerprint;
        return hex.length() > 8 ? hex.substring(0, 8) : hex;
    }
}
