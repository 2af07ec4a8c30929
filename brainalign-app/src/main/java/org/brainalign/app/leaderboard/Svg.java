package org.brainalign.app.leaderboard;

import java.util.List;

/**
 * Small SVG plots for the leaderboard pages, drawn by the browser (so the server needs no fonts):
 * a layer curve with its 95 % band, and a scatter. Values outside the axes are clipped; NaN points
 * are skipped.
 */
final class Svg {
    private static final int W = 560;
    private static final int H = 260;
    private static final int L = 50;
    private static final int R = 15;
    private static final int T = 20;
    private static final int B = 60;

    private Svg() {}

    /** A curve of y over categorical x labels, with an optional [lo, hi] band. */
    static String curve(String title, List<String> labels, double[] y, double[] lo, double[] hi) {
        int n = labels.size();
        double max = 1.0;
        StringBuilder s = header(title);
        axes(s, 0, max);
        StringBuilder band = new StringBuilder();
        StringBuilder back = new StringBuilder();
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < n; i++) {
            double x = xOf(i, n);
            if (!Double.isNaN(lo[i]) && !Double.isNaN(hi[i])) {
                band.append(String.format("%.1f,%.1f ", x, yOf(hi[i], 0, max)));
                back.insert(0, String.format("%.1f,%.1f ", x, yOf(lo[i], 0, max)));
            }
            if (!Double.isNaN(y[i])) {
                line.append(String.format("%.1f,%.1f ", x, yOf(y[i], 0, max)));
            }
            s.append(String.format("<text x='%.1f' y='%d' font-size='9' transform='rotate(45 %.1f %d)'>%s</text>", x, H - B + 12, x,
                    H - B + 12, Html.escape(labels.get(i))));
        }
        if (!band.isEmpty()) {
            s.append("<polygon class='band' fill='#9ecae1' fill-opacity='0.5' points='").append(band).append(back).append("'/>");
        }
        s.append("<polyline class='curve' fill='none' stroke='#08519c' stroke-width='2' points='").append(line).append("'/>");
        return s.append("</svg>").toString();
    }

    /** A scatter of (x, y) points with labels, x on a log scale. */
    static String scatterLogX(String title, String xLabel, String yLabel, double[] x, double[] y, List<String> labels) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : x) {
            if (v > 0) {
                lo = Math.min(lo, Math.log10(v));
                hi = Math.max(hi, Math.log10(v));
            }
        }
        if (lo == Double.POSITIVE_INFINITY) {
            lo = 0;
            hi = 1;
        }
        if (hi - lo < 1e-9) {
            lo -= 0.5;
            hi += 0.5;
        }
        double yMax = 0;
        for (double v : y) {
            if (!Double.isNaN(v)) {
                yMax = Math.max(yMax, v);
            }
        }
        yMax = Math.min(1, Math.max(0.01, yMax * 1.15));
        StringBuilder s = header(title);
        axes(s, 0, yMax);
        s.append(String.format("<text x='%d' y='%d' font-size='11'>%s (log scale)</text>", L + 150, H - 8, Html.escape(xLabel)));
        s.append(String.format("<text x='4' y='%d' font-size='11'>%s</text>", T - 6, Html.escape(yLabel)));
        for (int i = 0; i < x.length; i++) {
            if (!(x[i] > 0) || Double.isNaN(y[i])) {
                continue;
            }
            double px = L + (Math.log10(x[i]) - lo) / (hi - lo) * (W - L - R - 140) + 20;
            double py = yOf(y[i], 0, yMax);
            s.append(String.format("<circle class='point' cx='%.1f' cy='%.1f' r='4' fill='#d94801'/>", px, py));
            s.append(String.format("<text x='%.1f' y='%.1f' font-size='9'>%s</text>", px + 5, py - 5, Html.escape(labels.get(i))));
        }
        return s.append("</svg>").toString();
    }

    private static StringBuilder header(String title) {
        return new StringBuilder(String.format(
                "<svg xmlns='http://www.w3.org/2000/svg' width='%d' height='%d' role='img'><title>%s</title>", W, H,
                Html.escape(title)));
    }

    private static void axes(StringBuilder s, double min, double max) {
        s.append(String.format("<line x1='%d' y1='%d' x2='%d' y2='%d' stroke='#444'/>", L, T, L, H - B));
        s.append(String.format("<line x1='%d' y1='%d' x2='%d' y2='%d' stroke='#444'/>", L, H - B, W - R, H - B));
        for (int k = 0; k <= 4; k++) {
            double v = min + (max - min) * k / 4;
            double y = yOf(v, min, max);
            s.append(String.format("<text x='%d' y='%.1f' font-size='10' text-anchor='end'>%.3g</text>", L - 4, y + 3, v));
            s.append(String.format("<line x1='%d' y1='%.1f' x2='%d' y2='%.1f' stroke='#eee'/>", L + 1, y, W - R, y));
        }
    }

    private static double xOf(int i, int n) {
        return L + 10 + (n <= 1 ? 0 : (double) i / (n - 1) * (W - L - R - 20));
    }

    private static double yOf(double v, double min, double max) {
        double c = Math.max(min, Math.min(max, v));
        return H - B - (c - min) / (max - min) * (H - B - T);
    }
}
