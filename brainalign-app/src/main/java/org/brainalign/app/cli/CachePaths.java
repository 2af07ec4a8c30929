package org.brainalign.app.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where brainalign keeps what it computes: {@code $BRAINALIGN_CACHE}, else {@code ~/.cache/brainalign}
 * — the results store {@code results.db}, {@code activations/} and {@code localizer/}.
 */
final class CachePaths {
    private CachePaths() {}

    static Path root() {
        return org.brainalign.core.digest.FileDigests.cacheRoot();
    }

    static Path defaultStore() {
        return root().resolve("results.db");
    }

    /** {@code store}, else the default; an error naming it when it does not exist. */
    static Path existingStore(Path store) {
        Path file = store != null ? store : defaultStore();
        if (Files.isDirectory(file)) {
            Path inside = file.resolve("results.db");
            throw new IllegalArgumentException(file + " is a directory; --store names the results store's SQLite file"
                    + (Files.isRegularFile(inside) ? " (this directory holds one: " + inside + ")" : ""));
        }
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no results store at " + file + "; run 'brainalign score' first or pass --store");
        }
        try {
            if (Files.size(file) == 0) {
                throw new IllegalArgumentException(file + " is empty, so not a results store; run 'brainalign score' or pass --store");
            }
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return file;
    }
}
