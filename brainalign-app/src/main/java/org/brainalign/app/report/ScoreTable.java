package org.brainalign.app.report;

import java.io.PrintWriter;
import org.brainalign.core.score.Interval;
import org.brainalign.core.score.LayerScore;
import org.brainalign.core.score.Score;

/**
 * Prints a {@link Score} as the per-layer table of {@code brainalign score}: raw score, ceiling,
 * normalised score with its 95 % bootstrap interval, then the benchmark score (mean over layers) and
 * the best layer — the benchmark's score as the leaderboard ranks it — with the mean over layers
 * labelled as such. A score on simulated recordings says "SIMULATED DATA" in its header.
 */
public final class ScoreTable {
    private ScoreTable() {}

    public static void print(Score s, PrintWriter out) {
        out.printf("%s%s (v%d) — model %s%n", s.simulated() ? "SIMULATED DATA — " : "", s.benchmarkId(), s.benchmarkVersion(),
                s.modelId());
        out.printf("  context: %s%n  metric:  %s%n  ceiling: %s%n", s.contextPolicy(), s.splitPolicy(), describe(s));
        int width = Math.max(5, s.layers().stream().mapToInt(l -> l.layer().length()).max().orElse(5));
        out.printf("  %-" + width + "s  %8s  %8s  %10s  %-17s%n", "layer", "raw", "ceiling", "normalized", "95% CI");
        for (LayerScore l : s.layers()) {
            out.printf("  %-" + width + "s  %8s  %8s  %10s  %-17s%s%n", l.layer(), num(l.raw()), ceiling(s),
                    num(l.normalized()), ci(l.normalizedInterval()), l.note().isEmpty() ? "" : "  (" + l.note() + ")");
        }
        LayerScore best = s.bestLayer();
        if (s.layers().size() > 1) {
            out.printf("  mean over layers (not ranked): %s raw, %s normalized%n", num(s.raw()), num(s.normalized()));
            if (best != null) {
                // The one summary the leaderboard and the compare page use.
                out.printf("  best layer: %s (%s normalized, %s unclipped) — the benchmark score as ranked%n", best.layer(),
                        num(best.normalized()), num(best.unclipped()));
            }
        }
        out.println();
    }

    private static String describe(Score s) {
        var c = s.ceiling();
        if (c.isNone()) {
            return c.source();
        }
        String ci = Double.isNaN(c.lower()) ? "" : " [" + num(c.lower()) + ", " + num(c.upper()) + "]";
        return num(c.value()) + ci + ", " + c.source();
    }

    /** The ceiling column: a dash when the benchmark has none (raw scores). */
    private static String ceiling(Score s) {
        return s.ceiling().isNone() ? "-" : num(s.ceiling().value());
    }

    static String num(double v) {
        return Double.isNaN(v) ? "NaN" : String.format("%.4f", v);
    }

    static String ci(Interval i) {
        return i.known() ? "[" + num(i.lower()) + ", " + num(i.upper()) + "]" : "-";
    }
}
