package org.brainalign.core.digest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * SHA-256 of whole files, each file read once: a digest is remembered by the file's real path, size
 * and modification time (nanoseconds), in memory and in a small text file ({@code file-sha256.tsv}
 * under brainalign's cache directory), so a 16 GB checkpoint is hashed on its first use only and a
 * changed file (new size or time) is hashed again. Lines of the cache file that do not parse are
 * ignored, never trusted; a cache that cannot be written only costs the next run a re-hash.
 */
public final class FileDigests {
    /** {@code hex64 TAB size TAB mtime-ns TAB real path}. */
    private static final Pattern LINE = Pattern.compile("([0-9a-f]{64})\t(\\d+)\t(-?\\d+)\t(.+)");
    private static final Map<Path, FileDigests> OPEN = new ConcurrentHashMap<>();
    private static final FileDigests IN_MEMORY = new FileDigests(null);

    private final Path store;
    private final Map<String, String> known = new ConcurrentHashMap<>();

    private FileDigests(Path store) {
        this.store = store;
        if (store != null && Files.isRegularFile(store)) {
            try {
                for (String line : Files.readAllLines(store, StandardCharsets.UTF_8)) {
                    var m = LINE.matcher(line);
                    if (m.matches()) {
                        known.put(key(m.group(4), Long.parseLong(m.group(2)), Long.parseLong(m.group(3))), m.group(1));
                    }
                }
            } catch (IOException | RuntimeException e) {
                known.clear(); // an unreadable cache is an empty one: files are hashed again
            }
        }
    }

    /** brainalign's cache directory: {@code $BRAINALIGN_CACHE}, else {@code ~/.cache/brainalign}. */
    public static Path cacheRoot() {
        String env = System.getenv("BRAINALIGN_CACHE");
        return env != null && !env.isBlank() ? Path.of(env) : Path.of(System.getProperty("user.home"), ".cache", "brainalign");
    }

    /** The digests remembered under brainalign's cache directory. */
    public static FileDigests shared() {
        return at(cacheRoot().resolve("file-sha256.tsv"));
    }

    /**
     * Digests remembered in this JVM only: a file is hashed once per run, and again when its size or
     * time changes, for checks that must read every file at least once per run (pinned data files, which
     * damage on disk may change without touching their size or time).
     */
    public static FileDigests inMemory() {
        return IN_MEMORY;
    }

    /** The digests remembered in {@code store} (one instance per file in this JVM). */
    public static FileDigests at(Path store) {
        return OPEN.computeIfAbsent(store.toAbsolutePath().normalize(), FileDigests::new);
    }

    private static String key(String realPath, long size, long mtimeNanos) {
        return size + "\t" + mtimeNanos + "\t" + realPath;
    }

    /** The SHA-256 of {@code file}'s whole content, lower-case hex; hashed only when not remembered for its size and time. */
    public String sha256(Path file) throws IOException {
        Path real = file.toRealPath();
        long size = Files.size(real);
        long mtime = Files.getLastModifiedTime(real).to(TimeUnit.NANOSECONDS);
        String k = key(real.toString(), size, mtime);
        String hex = known.get(k);
        if (hex != null) {
            return hex;
        }
        hex = Sha256.ofFile(real);
        long after = Files.getLastModifiedTime(real).to(TimeUnit.NANOSECONDS);
        if (after != mtime || Files.size(real) != size) {
            throw new IOException(file + " changed while it was being hashed; run again once it is written");
        }
        known.put(k, hex);
        remember(hex + "\t" + k);
        return hex;
    }

    /** Appends one line; a path with a line break is not remembered (it would not read back). */
    private synchronized void remember(String line) {
        if (store == null || line.indexOf('\n') >= 0 || line.indexOf('\r') >= 0) {
            return;
        }
        try {
            Files.createDirectories(store.toAbsolutePath().getParent());
            Files.write(store, List.of(line), StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException | RuntimeException e) {
            // not remembered: the next run hashes the file again
        }
    }
}
