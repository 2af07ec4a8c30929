package org.brainalign.app.plot;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Distributions over one shared set of bins, each drawn as a step outline of the fraction of its
 * items per bin, so that a corpus of 100,000 sentences and a selection of 100 are comparable on
 * one axis (the legend gives each series' count). Used for the drive/suppress search's predicted
 * responses: the corpus, the baseline sentences and the two selections.
 *
 * @param title the chart's title
 * @param xTitle what the bins measure
 * @param lo lower end of the first bin
 * @param hi upper end of the last bin
 * @param series one distribution per series, all with the same number of bins
 */
public record HistogramChart(String title, String xTitle, double lo, double hi, List<Series> series) implements Chart {

    /** One distribution: counts per bin (values outside [lo, hi) not drawn but counted in {@code total}). */
    public record Series(String name, long[] counts, long total) {}

    public HistogramChart {
        series = List.copyOf(series);
        if (series.isEmpty() || series.stream().allMatch(s -> s.total() == 0)) {
            throw new IllegalArgumentException(title + ": a histogram needs at least one non-empty series");
        }
        int bins = series.getFirst().counts().length;
        if (bins < 1 || series.stream().anyMatch(s -> s.counts().length != bins) || !(hi > lo)) {
            throw new IllegalArgumentException(title + ": every series needs the same number (≥ 1) of bins over lo < hi");
        }
    }

    private List<String> names() {
        return series.stream().map(s -> String.format(Locale.ROOT, "%s (n = %,d)", s.name(), s.total())).toList();
    }

    private double top() {
        return 34 + Frame.legendHeight(names());
    }

    @Override
    public double height() {
        return top() + Frame.PLOT_HEIGHT + 44;
    }

    private double fraction(Series s, int bin) {
        return s.total() == 0 ? 0 : (double) s.counts()[bin] / s.total();
    }

    private YScale scale() {
        double max = 0;
        for (Series s : series) {
            for (int b = 0; b < s.counts().length; b++) {
                max = Math.max(max, fraction(s, b));
            }
        }
        double step = max <= 0.1 ? 0.02 : max <= 0.25 ? 0.05 : max <= 0.5 ? 0.1 : 0.2;
        return new YScale(0, Math.max(step, Math.ceil(max / step - 1e-9) * step), step);
    }

    @Override
    public void draw(Canvas c) {
        YScale scale = scale();
        double top = top();
        double bottom = top + Frame.PLOT_HEIGHT;
        double left = Frame.LEFT;
        double width = WIDTH - Frame.RIGHT - left;
        Frame.title(c, title);
        Frame.legend(c, names(), 28);
        Frame.yAxis(c, scale, top, bottom, "fraction per bin");
        double tickStep = niceStep((hi - lo) / 6);
        for (double t = Math.ceil(lo / tickStep) * tickStep; t <= hi + 1e-12; t += tickStep) {
            double x = left + (t - lo) / (hi - lo) * width;
            c.line(x, bottom, x, bottom + 4, Palette.AXIS, 1, new Mark("x-tick", null, java.util.Map.of("value", Fmt.exact(t))));
            c.text(x, bottom + 15, String.format(Locale.ROOT, "%.2f", Math.abs(t) < 1e-12 ? 0.0 : t),
                    Canvas.Font.plain(Frame.LABEL_SIZE, Canvas.Anchor.MIDDLE), Mark.NONE);
        }
        Frame.xTitle(c, xTitle, bottom + 34);
        int bins = series.getFirst().counts().length;
        double binWidth = width / bins;
        for (int s = 0; s < series.size(); s++) {
            Series sr = series.get(s);
            double[] xs = new double[2 * bins + 2];
            double[] ys = new double[2 * bins + 2];
            xs[0] = left;
            ys[0] = bottom;
            for (int b = 0; b < bins; b++) {
                double y = scale.pixel(fraction(sr, b), top, bottom);
                xs[1 + 2 * b] = left + b * binWidth;
                ys[1 + 2 * b] = y;
                xs[2 + 2 * b] = left + (b + 1) * binWidth;
                ys[2 + 2 * b] = y;
            }
            xs[2 * bins + 1] = left + width;
            ys[2 * bins + 1] = bottom;
            c.polyline(xs, ys, Palette.series(s), 1.6, new Mark("histogram", sr.name(), java.util.Map.of("series", sr.name())));
        }
    }

    private static double niceStep(double raw) {
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        double m = raw / p;
        return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * p;
    }

    @Override
    public ValueTable table() {
        List<String> header = new ArrayList<>(List.of("bin"));
        series.forEach(s -> header.add(s.name()));
        List<List<String>> rows = new ArrayList<>();
        int bins = series.getFirst().counts().length;
        for (int b = 0; b < bins; b++) {
            double from = lo + (hi - lo) * b / bins;
            double to = lo + (hi - lo) * (b + 1) / bins;
            List<String> row = new ArrayList<>(List.of(String.format(Locale.ROOT, "[%.3f, %.3f)", from, to)));
            for (Series s : series) {
                row.add(String.valueOf(s.counts()[b]));
            }
            rows.add(row);
        }
        return new ValueTable(header, rows);
    }

    @Override
    public ValueTable summary() {
        List<List<String>> rows = new ArrayList<>();
        for (Series s : series) {
            long inside = java.util.Arrays.stream(s.counts()).sum();
            rows.add(List.of(s.name(), String.format(Locale.ROOT, "%,d", s.total()), String.format(Locale.ROOT, "%,d", s.total() - inside)));
        }
        return new ValueTable(List.of("series", "sentences", "outside the axis"), rows);
    }
}
