package org.brainalign.app.cli;

import java.io.PrintStream;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.brainalign.benchmarks.RunOptions;

/**
 * Shows a benchmark run's progress as one terminal progress bar per phase (features, ceiling,
 * layers) on standard error, so standard output stays a clean table.
 */
final class ConsoleProgress implements RunOptions.Progress, AutoCloseable {
    private final String prefix;
    private final boolean enabled;
    private ProgressBar bar;
    private String phase;

    ConsoleProgress(String prefix, boolean enabled) {
        this.prefix = prefix;
        this.enabled = enabled;
    }

    @Override
    public synchronized void update(String phase, long done, long total) {
        if (!enabled) {
            return;
        }
        if (bar == null || !phase.equals(this.phase)) {
            close();
            this.phase = phase;
            bar = new ProgressBarBuilder().setTaskName(prefix + " " + phase).setInitialMax(total)
                    .setStyle(ProgressBarStyle.ASCII).setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(
                            new PrintStream(System.err, true))).setUpdateIntervalMillis(200).build();
        }
        bar.stepTo(done);
        if (done >= total) {
            close();
        }
    }

    @Override
    public synchronized void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
