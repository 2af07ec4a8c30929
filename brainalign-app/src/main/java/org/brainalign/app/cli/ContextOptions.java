package org.brainalign.app.cli;

import org.brainalign.models.subject.ContextWindow;
import picocli.CommandLine.Option;

/** The context-window options shared by commands that run a model over text. */
public final class ContextOptions {

    @Option(names = "--window", defaultValue = "0", description = "Context window in tokens (0 = the model's maximum).")
    int window;

    @Option(names = "--stride", defaultValue = "0", description = "New tokens per window after the first (0 = half the window).")
    int stride;

    ContextWindow contextWindow() {
        return new ContextWindow(window, stride);
    }
}
