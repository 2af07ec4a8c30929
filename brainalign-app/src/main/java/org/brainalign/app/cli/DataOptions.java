package org.brainalign.app.cli;

import java.nio.file.Path;
import org.brainalign.benchmarks.data.DataDirectory;
import picocli.CommandLine.Option;

/** The {@code --data-dir} option of every command that reads or writes the data directory. */
public final class DataOptions {
    @Option(names = "--data-dir", paramLabel = "<dir>",
            description = "Data directory (default $BRAINALIGN_DATA, else ~/.cache/brainalign/data).")
    Path dataDir;

    /** The option's directory, else the environment's. */
    DataDirectory directory() {
        return dataDir != null ? new DataDirectory(dataDir) : DataDirectory.fromEnvironment();
    }
}
