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
            bar = new ProgressBarBuilder().setTaskName(taskName(prefix, phase)).setInitialMax(total)
                    .setStyle(ProgressBarStyle.ASCII).setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(
                            new PrintStream(System.err, true))).setUpdateIntervalMillis(200).build();
        }
        bar.stepTo(done);
        if (done >= total) {
            close();
        }
    }

    /** Longest task name drawn: past it the progress bar library shrinks the bar itself to a character or two. */
    static final int MAX_NAME = 32;

    /** The bar's label: the phase in full, the prefix (a benchmark id, maybe a path) cut from the left to fit. */
    static String taskName(String prefix, String phase) {
        int room = Math.max(8, MAX_NAME - phase.length() - 1);
        String p = prefix.length() <= room ? prefix : "…" + prefix.substring(prefix.length() - room + 1);
        return p + " " + phase;
    }

    @Override
    public synchronized void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
