package org.brainalign.app.plot;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Models as labelled points: a score (y, the shared score axis) against a positive quantity on a
 * log scale (x), such as brain score against next-word perplexity (Schrimpf et al. 2021, Fig. 3).
 * Points with a non-positive or non-finite x or a non-finite y are left out and listed as such in the
 * table.
 */
public record ScatterChart(String title, String xTitle, String yTitle, List<Point> points) implements Chart {
    /** One model. */
    public record Point(String label, double x, double y) {
        boolean plotted() {
            return x > 0 && Double.isFinite(x) && Double.isFinite(y);
        }
    }

    public ScatterChart {
        points = List.copyOf(points);
        if (points.stream().noneMatch(Point::plotted)) {
            throw new IllegalArgumentException(title + ": no point has both a positive " + xTitle + " and a " + yTitle);
        }
    }

    @Override
    public double height() {
        return 34 + Frame.PLOT_HEIGHT + 48;
    }

    @Override
    public void draw(Canvas c) {
        double[] ys = points.stream().filter(Point::plotted).mapToDouble(Point::y).toArray();
        YScale scale = YScale.covering(ys);
        double top = 34;
        double bottom = top + Frame.PLOT_HEIGHT;
        Frame.title(c, title);
        Frame.yAxis(c, scale, top, bottom, yTitle);
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Point p : points) {
            if (p.plotted()) {
                lo = Math.min(lo, Math.log10(p.x()));
                hi = Math.max(hi, Math.log10(p.x()));
            }
        }
        lo = Math.floor(lo);
        hi = Math.max(lo + 1, Math.ceil(hi));
        double left = Frame.LEFT + 14;
        double width = WIDTH - Frame.RIGHT - 90 - left; // room on the right for the last point's label
        for (double d = lo; d <= hi + 1e-9; d++) {
            for (int m : hi - lo <= 2 ? new int[] {1, 2, 5} : new int[] {1}) {
                double v = Math.log10(m) + d;
                if (v > hi + 1e-9) {
                    continue;
                }
                double x = left + (v - lo) / (hi - lo) * width;
                c.line(x, bottom, x, bottom + 4, Palette.AXIS, 1, new Mark("x-tick", null, Map.of("value", Fmt.exact(Math.pow(10, v)))));
                double tick = Math.pow(10, v);
                c.text(x, bottom + 15, tick < 1e5 ? String.format(Locale.ROOT, "%,.0f", tick) : String.format(Locale.ROOT, "%.0e", tick),
                        Canvas.Font.plain(Frame.LABEL_SIZE,
                        Canvas.Anchor.MIDDLE), Mark.NONE);
            }
        }
        Frame.xTitle(c, xTitle + " (log scale)", bottom + 34);
        List<double[]> placed = new ArrayList<>(); // label boxes {x0, y0, x1, y1} already drawn
        for (int i = 0; i < points.size(); i++) {
            Point p = points.get(i);
            if (!p.plotted()) {
                continue;
            }
            double x = left + (Math.log10(p.x()) - lo) / (hi - lo) * width;
            double y = scale.pixel(p.y(), top, bottom);
            String label = Frame.shorten(p.label(), 28);
            double labelWidth = Canvas.textWidth(label, Frame.LABEL_SIZE - 0.5);
            // Labels of nearby points would overprint: step each one up or down until it is clear of the others.
            double labelY = y - 6;
            for (int k = 1; k < 40 && overlaps(placed, x + 7, labelY - 9, x + 7 + labelWidth, labelY + 2); k++) {
                labelY = y - 6 + (k % 2 == 1 ? 1 : -1) * ((k + 1) / 2) * 12.0;
            }
            placed.add(new double[] {x + 7, labelY - 9, x + 7 + labelWidth, labelY + 2});
            c.circle(x, y, 4.5, Palette.series(i), new Mark("point", p.label() + ": " + xTitle + " " + Fmt.magnitude(p.x()) + ", "
                    + yTitle + " " + Fmt.value(p.y()), Map.of("series", p.label(), "x", Fmt.exact(p.x()), "value",
                    Fmt.exact(p.y()))));
            if (Math.abs(labelY - (y - 6)) > 1) {
                c.line(x + 3, y, x + 7, labelY - 3, Palette.MUTED, 0.6, Mark.NONE);
            }
            c.text(x + 7, labelY, label, Canvas.Font.plain(Frame.LABEL_SIZE - 0.5, Canvas.Anchor.START), Mark.of("point-label"));
        }
    }

    private static boolean overlaps(List<double[]> boxes, double x0, double y0, double x1, double y1) {
        for (double[] b : boxes) {
            if (x0 < b[2] && b[0] < x1 && y0 < b[3] && b[1] < y1) {
                return true;
            }
        }
        return false;
    }

    @Override
    public ValueTable table() {
        List<List<String>> rows = new ArrayList<>();
        for (Point p : points) {
            rows.add(List.of(p.label(), Double.isFinite(p.x()) && p.x() > 0 ? Fmt.magnitude(p.x()) : "–",
                    Fmt.value(p.y()), p.plotted() ? "" : "not plotted"));
        }
        return new ValueTable(List.of("model", xTitle, yTitle, "note"), rows);
    }

    @Override
    public ValueTable summary() {
        return table();
    }
}
