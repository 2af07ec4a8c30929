package org.brainalign.app.plot;

import java.util.List;
import java.util.Map;

/**
 * The parts every chart shares: the title, the plotting area, the y axis with its ticks, grid and
 * title, and the legend. Tick lines carry class {@code tick} and their value, so a reader (or a test)
 * can map pixels back to scores.
 */
final class Frame {
    static final double LEFT = 66;
    static final double RIGHT = 18;
    static final double PLOT_HEIGHT = 240;
    static final double TITLE_SIZE = 14;
    static final double LABEL_SIZE = 10.5;

    private Frame() {}

    /** Height taken by the legend of these names laid out in rows (0 for one name or none). */
    static double legendHeight(List<String> names) {
        return names.size() <= 1 ? 0 : legendRows(names) * 16 + 4;
    }

    private static int legendRows(List<String> names) {
        int rows = 1;
        double x = LEFT;
        for (String n : names) {
            double w = 16 + Canvas.textWidth(n, LABEL_SIZE) + 16;
            if (x + w > Chart.WIDTH - RIGHT && x > LEFT) {
                rows++;
                x = LEFT;
            }
            x += w;
        }
        return rows;
    }

    static void title(Canvas c, String title) {
        c.text(Chart.WIDTH / 2, 20, title, new Canvas.Font(TITLE_SIZE, Canvas.Anchor.MIDDLE, 0, true, Palette.TEXT), Mark.of("chart-title"));
    }

    static void legend(Canvas c, List<String> names, double top) {
        if (names.size() <= 1) {
            return;
        }
        double x = LEFT;
        double y = top + 12;
        for (int i = 0; i < names.size(); i++) {
            double w = 16 + Canvas.textWidth(names.get(i), LABEL_SIZE) + 16;
            if (x + w > Chart.WIDTH - RIGHT && x > LEFT) {
                x = LEFT;
                y += 16;
            }
            c.line(x, y - 4, x + 12, y - 4, Palette.series(i), 2, Mark.NONE);
            c.circle(x + 6, y - 4, 3.5, Palette.series(i), Mark.NONE);
            c.text(x + 16, y, names.get(i), Canvas.Font.plain(LABEL_SIZE, Canvas.Anchor.START), Mark.of("legend"));
            x += w;
        }
    }

    /** The y axis, ticks and grid of {@code scale} over [top, bottom], and the rotated axis title. */
    static void yAxis(Canvas c, YScale scale, double top, double bottom, String title) {
        for (double t : scale.ticks()) {
            double y = scale.pixel(t, top, bottom);
            c.line(LEFT, y, Chart.WIDTH - RIGHT, y, t == 0 && scale.min() < 0 ? Palette.MUTED : Palette.GRID, 1,
                    new Mark("tick", null, Map.of("value", Fmt.exact(t))));
            c.text(LEFT - 6, y + 3.5, scale.label(t), Canvas.Font.plain(LABEL_SIZE, Canvas.Anchor.END), Mark.of("tick-label"));
        }
        c.line(LEFT, top, LEFT, bottom, Palette.AXIS, 1, Mark.NONE);
        c.line(LEFT, bottom, Chart.WIDTH - RIGHT, bottom, Palette.AXIS, 1, Mark.NONE);
        c.text(16, (top + bottom) / 2, title, new Canvas.Font(LABEL_SIZE + 0.5, Canvas.Anchor.MIDDLE, -90, false, Palette.TEXT),
                Mark.of("axis-title"));
    }

    static void xTitle(Canvas c, String title, double y) {
        c.text((LEFT + Chart.WIDTH - RIGHT) / 2, y, title, Canvas.Font.plain(LABEL_SIZE + 0.5, Canvas.Anchor.MIDDLE), Mark.of("axis-title"));
    }

    /** A point with its 95 % interval as a whisker with caps; both carry the exact values. */
    static void pointWithInterval(Canvas c, double x, double value, double lo, double hi, YScale s, double top, double bottom,
            String color, double radius, Map<String, String> data, String tooltip) {
        if (Double.isFinite(lo) && Double.isFinite(hi)) {
            double y1 = s.pixel(lo, top, bottom);
            double y2 = s.pixel(hi, top, bottom);
            Mark m = new Mark("interval", tooltip, data);
            c.push(0, 0, m);
            c.line(x, y1, x, y2, color, 1.3, Mark.NONE);
            c.line(x - 3, y1, x + 3, y1, color, 1.3, Mark.NONE);
            c.line(x - 3, y2, x + 3, y2, color, 1.3, Mark.NONE);
            c.pop();
        }
        c.circle(x, s.pixel(value, top, bottom), radius, color, new Mark("point", tooltip, data));
    }

    /** Data attributes of one plotted value. */
    static Map<String, String> data(String series, String x, double value, double lo, double hi) {
        return Map.of("series", series, "x", x, "value", Fmt.exact(value), "lo", Fmt.exact(lo), "hi", Fmt.exact(hi));
    }

    /** A label shortened to {@code max} characters, keeping its end (where layer numbers are). */
    static String shorten(String s, int max) {
        return s.length() <= max ? s : "…" + s.substring(s.length() - max + 1);
    }
}
