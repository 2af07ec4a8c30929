package org.brainalign.app.cli;

import picocli.CommandLine.Option;

/** The {@code --no-progress} option of every command that draws progress bars. */
public final class ProgressOptions {
    @Option(names = "--no-progress", description = "Do not draw progress bars.")
    boolean noProgress;

    /** Whether to draw progress bars. */
    boolean show() {
        return !noProgress;
    }
}
