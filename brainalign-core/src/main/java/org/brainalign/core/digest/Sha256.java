package org.brainalign.core.digest;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 for the checksums and content keys used across brainalign (data files, checkpoints,
 * activation and localizer caches, stimuli, training texts): a fresh digest without the checked
 * exception every JDK makes impossible, and lower-case hex.
 */
public final class Sha256 {

    private Sha256() {
    }

    /** A new SHA-256 digest. */
    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /** The digest of {@code bytes}. */
    public static byte[] digest(byte[] bytes) {
        return newDigest().digest(bytes);
    }

    /** The digest of {@code bytes} as lower-case hex. */
    public static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(digest(bytes));
    }

    /** What {@code digest} has taken in so far, finished, as lower-case hex. */
    public static String hex(MessageDigest digest) {
        return HexFormat.of().formatHex(digest.digest());
    }

    /** The SHA-256 of {@code file}'s whole content, lower-case hex. */
    public static String ofFile(java.nio.file.Path file) throws java.io.IOException {
        return ofFile(file, newDigest());
    }

    /** {@code digest} (any algorithm, fresh) over {@code file}'s whole content, streamed, as lower-case hex. */
    public static String ofFile(java.nio.file.Path file, MessageDigest digest) throws java.io.IOException {
        byte[] buffer = new byte[1 << 20];
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return hex(digest);
    }
}
