package org.brainalign.app.report;

import java.io.PrintWriter;
import org.brainalign.core.score.Interval;
import org.brainalign.core.score.LayerScore;
import org.brainalign.core.score.Score;

/**
 * Prints a {@link Score} as the per-layer table of {@code brainalign score}: raw score, ceiling,
 * normalised score with its 95 % bootstrap interval, then the benchmark score (mean over layers) and
 * the best layer. A score on simulated recordings says "SIMULATED DATA" in its header.
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
        out.printf("  %-" + width + "s  %8s  %8s  %10s%n", "mean", num(s.raw()), ceiling(s), num(s.normalized()));
        LayerScore best = s.bestLayer();
        if (best != null && s.layers().size() > 1) {
            out.printf("  best layer: %s (%s normalized, %s unclipped)%n", best.layer(), num(best.normalized()),
                    num(best.unclipped()));
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
