package org.brainalign.app.cli;

import java.io.PrintStream;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.brainalign.benchmarks.RunOptions;

/**
 * Shows a benchmark run's progress on standard error, so standard output stays a clean table: on a
 * terminal one progress bar per phase (features, ceiling, layers); written to a file or a pipe, one
 * line per phase when it ends (a log gets no carriage-return redraws).
 */
final class ConsoleProgress implements RunOptions.Progress, AutoCloseable {
    private final String prefix;
    private final boolean enabled;
    private final boolean terminal;
    private final PrintStream out;
    private ProgressBar bar;
    private String phase;
    private long phaseDone;
    private long phaseTotal;
    private long phaseStart;

    ConsoleProgress(String prefix, boolean enabled) {
        this(prefix, enabled, stderrIsTerminal(), System.err);
    }

    ConsoleProgress(String prefix, boolean enabled, boolean terminal, PrintStream out) {
        this.prefix = prefix;
        this.enabled = enabled;
        this.terminal = terminal;
        this.out = out;
    }

    /**
     * Whether standard error is a terminal: on Linux, whether file descriptor 2 is a tty or pty;
     * elsewhere, whether the JVM has an interactive console.
     */
    static boolean stderrIsTerminal() {
        try {
            String target = java.nio.file.Files.readSymbolicLink(java.nio.file.Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (java.io.IOException | UnsupportedOperationException | SecurityException e) {
            java.io.Console console = System.console();
            return console != null && console.isTerminal();
        }
    }

    @Override
    public synchronized void update(String phase, long done, long total) {
        if (!enabled) {
            return;
        }
        if (!phase.equals(this.phase)) {
            close();
            this.phase = phase;
            this.phaseStart = System.nanoTime();
            if (terminal) {
                bar = new ProgressBarBuilder().setTaskName(taskName(prefix, phase)).setInitialMax(total)
                        .setStyle(ProgressBarStyle.ASCII).setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(
                                new PrintStream(out, true))).setUpdateIntervalMillis(200).build();
            }
        }
        phaseDone = done;
        phaseTotal = total;
        if (bar != null) {
            bar.stepTo(done);
        }
        if (done >= total) {
            close();
        }
    }

    /** Longest task name drawn: past it the progress bar library shrinks the bar itself to a character or two. */
    static final int MAX_NAME = 32;

    /**
     * The label: the phase in full after the prefix (a benchmark id, maybe a path), whose middle is
     * cut to fit, so both the benchmark's name and its variant stay ("Pereira2…ces-ridge features").
     */
    static String taskName(String prefix, String phase) {
        int room = Math.max(8, MAX_NAME - phase.length() - 1);
        if (prefix.length() <= room) {
            return prefix + " " + phase;
        }
        int head = room / 2;
        int tail = room - 1 - head; // one character for the ellipsis
        return prefix.substring(0, head) + "…" + prefix.substring(prefix.length() - tail) + " " + phase;
    }

    @Override
    public synchronized void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        } else if (!terminal && phase != null) {
            out.printf(java.util.Locale.ROOT, "%s %s: %d/%d in %.1f s%n", prefix, phase, phaseDone, phaseTotal,
                    (System.nanoTime() - phaseStart) / 1e9);
        }
        phase = null;
    }
}
