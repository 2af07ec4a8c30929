package org.brainalign.app.cli;

import java.nio.file.Path;
import org.brainalign.app.store.ResultsStore;
import picocli.CommandLine.Option;

/** The {@code --store} option of every command that reads or writes the results store. */
public final class StoreOptions {
    @Option(names = "--store", paramLabel = "<results.db>",
            description = "Results store (SQLite); default $BRAINALIGN_CACHE/results.db (~/.cache/brainalign/results.db).")
    Path store;

    @Option(names = "--check", description = "Run SQLite's full integrity_check on the store even if this process already "
            + "checked it unchanged (it runs at every open otherwise).")
    boolean check;

    /** Opens {@code file} with the check this command was asked for. */
    ResultsStore open(Path file) {
        return ResultsStore.open(file, check);
    }

    /** The store to write: the option, else the default under {@code cacheRoot}. */
    Path forWriting(Path cacheRoot) {
        return store != null ? store : cacheRoot.resolve("results.db");
    }

    /** The store to read: the option, else the default; an error naming it when it does not exist. */
    Path existing() {
        return CachePaths.existingStore(store);
    }
}
