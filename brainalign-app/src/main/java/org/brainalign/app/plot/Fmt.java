package org.brainalign.app.plot;

import java.util.Locale;

/** How plotted numbers are printed in tables and tooltips: four decimals, intervals in brackets, a dash for none. */
public final class Fmt {
    private Fmt() {}

    public static String value(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4f", v) : "–";
    }

    public static String interval(double lo, double hi) {
        return Double.isFinite(lo) && Double.isFinite(hi) ? "[" + value(lo) + ", " + value(hi) + "]" : "–";
    }

    /**
     * A positive quantity that may span many decades (a perplexity): 2 decimals below 100,000, else 3
     * significant digits ("3.18e+09"), never a ten-digit number.
     */
    public static String magnitude(double v) {
        return !Double.isFinite(v) ? "–" : Math.abs(v) < 1e5 ? String.format(Locale.ROOT, "%.2f", v) : String.format(Locale.ROOT, "%.2e", v);
    }

    /** A value as data for machines: its shortest exact decimal, or NaN. */
    public static String exact(double v) {
        return Double.toString(v);
    }

    /** A value and its interval on one line, for tooltips. */
    public static String withInterval(double v, double lo, double hi) {
        String i = interval(lo, hi);
        return value(v) + (i.equals("–") ? " (no interval)" : " " + i);
    }
}
