package org.brainalign.models.registry;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import java.util.stream.Stream;
import org.brainalign.core.digest.Sha256;

/**
 * Fingerprints a model checkpoint for the results store: SHA-256 over every file name and size in
 * the directory, the full {@code config.json} and tokenizer files, and the first MiB of each weight
 * file (the safetensors header and the start of the data) — cheap even for large models, and any
 * re-export or fine-tune changes it. A single-file model (a llama2.c checkpoint, a GloVe text file)
 * is fingerprinted the same way as a directory of that one file. Generated models ({@code untrained:…}, baselines) are fully
 * named by their identifier and return {@code generated}.
 */
public final class Checkpoints {
    private static final int PREFIX = 1 << 20;
    /** Text files up to this size are hashed whole (configs, tokenizers); larger ones (word vectors) by their prefix. */
    private static final long WHOLE_MAX = 64L << 20;

    private Checkpoints() {}

    /** The fingerprint of {@code modelRef}: a directory or a single model file; {@code generated} otherwise. */
    public static String fingerprint(String modelRef) {
        if (modelRef.startsWith("untrained:")) {
            return "generated";
        }
        Path dir = Path.of(modelRef);
        if (Files.isRegularFile(dir)) {
            return fingerprint(List.of(dir), dir);
        }
        if (!Files.isDirectory(dir)) {
            return "generated";
        }
        try (Stream<Path> files = Files.list(dir)) {
            return fingerprint(files.filter(Files::isRegularFile).sorted().toList(), dir);
        } catch (IOException e) {
            throw new IllegalStateException("cannot fingerprint " + dir + ": " + e.getMessage(), e);
        }
    }

    /** SHA-256 over {@code files}: each name and size, small text files whole, others' first MiB. */
    private static String fingerprint(List<Path> files, Path where) {
        try {
            MessageDigest md = Sha256.newDigest();
            for (Path f : files) {
                String name = f.getFileName().toString();
                md.update((name + ":" + Files.size(f) + ";").getBytes(java.nio.charset.StandardCharsets.UTF_8));
                boolean small = (name.endsWith(".json") || name.endsWith(".txt")) && Files.size(f) <= WHOLE_MAX;
                try (InputStream in = Files.newInputStream(f)) {
                    md.update(small ? in.readAllBytes() : in.readNBytes(PREFIX));
                }
            }
            return "sha256:" + Sha256.hex(md);
        } catch (IOException e) {
            throw new IllegalStateException("cannot fingerprint " + where + ": " + e.getMessage(), e);
        }
    }
}
