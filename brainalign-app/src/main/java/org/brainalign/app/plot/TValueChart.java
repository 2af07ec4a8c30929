package org.brainalign.app.plot;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A functional localizer's result: one band per layer (top to bottom in recording order, named on
 * the left), each unit a column coloured by its Welch t on a diverging scale (blue negative, white
 * 0, red positive, saturating at the largest |t|, shown in the colour key), with the selected units
 * marked black in a strip under the band, and an x axis of unit indices. Wide layers are drawn at
 * one column per group of units (the group's largest |t|; marked when any unit of it is selected).
 *
 * @param title     what was localized (model, stimuli, top-k)
 * @param layers    layer names, in recording order
 * @param t         per layer, the t-value of every unit (NaN where undefined)
 * @param selected  per layer, whether each unit was selected
 */
public record TValueChart(String title, List<String> layers, List<double[]> t, List<boolean[]> selected) implements Chart {
    private static final double NAMES = 120;
    private static final double BAND = 12;
    private static final double MARK = 3;
    private static final double ROW = BAND + MARK + 4;
    private static final double TOP = 64;

    public TValueChart {
        layers = List.copyOf(layers);
        t = List.copyOf(t);
        selected = List.copyOf(selected);
        if (layers.isEmpty() || t.size() != layers.size() || selected.size() != layers.size()) {
            throw new IllegalArgumentException(title + ": a t-value chart needs one t and one selection array per layer, got "
                    + layers.size() + " layers, " + t.size() + " t arrays and " + selected.size() + " selections");
        }
        for (int i = 0; i < layers.size(); i++) {
            if (t.get(i).length != selected.get(i).length) {
                throw new IllegalArgumentException(layers.get(i) + ": " + t.get(i).length + " t-values but " + selected.get(i).length
                        + " selection flags");
            }
        }
    }

    private int maxUnits() {
        return t.stream().mapToInt(a -> a.length).max().orElse(1);
    }

    /** The largest |t| over every unit: the colour scale's end. */
    public double maxAbs() {
        double m = 0;
        for (double[] a : t) {
            for (double v : a) {
                if (Double.isFinite(v)) {
                    m = Math.max(m, Math.abs(v));
                }
            }
        }
        return m;
    }

    @Override
    public double height() {
        return TOP + layers.size() * ROW + 48;
    }

    @Override
    public void draw(Canvas c) {
        Frame.title(c, title);
        double max = Math.max(maxAbs(), 1e-12);
        // Colour key: the diverging scale from -max to +max.
        double keyLeft = WIDTH - Frame.RIGHT - 200;
        double keyTop = 32;
        int steps = 50;
        for (int i = 0; i < steps; i++) {
            c.rect(keyLeft + i * 4, keyTop, 4, 8, color(-1 + 2.0 * (i + 0.5) / steps), null, Mark.NONE);
        }
        c.rect(keyLeft, keyTop, 200, 8, null, Palette.AXIS, Mark.of("colour-key"));
        Canvas.Font small = Canvas.Font.plain(Frame.LABEL_SIZE - 1, Canvas.Anchor.MIDDLE);
        c.text(keyLeft, keyTop + 19, String.format(Locale.ROOT, "%.1f", -max), small, Mark.NONE);
        c.text(keyLeft + 100, keyTop + 19, "0", small, Mark.NONE);
        c.text(keyLeft + 200, keyTop + 19, String.format(Locale.ROOT, "+%.1f", max), small, Mark.NONE);
        c.text(keyLeft - 8, keyTop + 8, "Welch t (sentences > non-words)", Canvas.Font.plain(Frame.LABEL_SIZE, Canvas.Anchor.END),
                Mark.of("key-title"));
        c.rect(Frame.LEFT - 40, keyTop, 10, 3, "#000000", null, Mark.NONE);
        c.text(Frame.LEFT - 26, keyTop + 5, "selected unit (mark under its band)", Canvas.Font.plain(Frame.LABEL_SIZE - 1,
                Canvas.Anchor.START), Mark.of("key-title"));

        double left = NAMES;
        double width = WIDTH - Frame.RIGHT - left;
        int units = maxUnits();
        int columns = (int) Math.min(units, Math.floor(width));
        double columnWidth = width / columns;
        for (int li = 0; li < layers.size(); li++) {
            double top = TOP + li * ROW;
            c.text(left - 6, top + BAND - 2, Frame.shorten(layers.get(li), 18), Canvas.Font.plain(Frame.LABEL_SIZE, Canvas.Anchor.END),
                    new Mark("layer-label", layers.get(li), java.util.Map.of("layer", layers.get(li))));
            double[] tv = t.get(li);
            boolean[] sel = selected.get(li);
            for (int col = 0; col < columns; col++) {
                int from = (int) ((long) col * units / columns);
                int to = (int) ((long) (col + 1) * units / columns);
                if (from >= tv.length) {
                    break;
                }
                double v = 0;
                boolean any = false;
                for (int u = from; u < Math.min(tv.length, Math.max(to, from + 1)); u++) {
                    if (Double.isFinite(tv[u]) && Math.abs(tv[u]) >= Math.abs(v)) {
                        v = tv[u];
                    }
                    any |= sel[u];
                }
                double x = left + col * columnWidth;
                c.rect(x, top, columnWidth + 0.3, BAND, color(v / max), null, Mark.NONE);
                if (any) {
                    c.rect(x, top + BAND, columnWidth + 0.3, MARK, "#000000", null, Mark.NONE);
                }
            }
            c.rect(left, top, tv.length / (double) units * width, BAND, null, Palette.AXIS, Mark.NONE);
        }
        double bottom = TOP + layers.size() * ROW;
        c.line(left, bottom, left + width, bottom, Palette.AXIS, 1, Mark.NONE);
        for (int k = 0; k <= 4; k++) {
            double x = left + k / 4.0 * width;
            c.line(x, bottom, x, bottom + 4, Palette.AXIS, 1, Mark.NONE);
            c.text(x, bottom + 15, String.valueOf(Math.round(k / 4.0 * units)), Canvas.Font.plain(Frame.LABEL_SIZE, Canvas.Anchor.MIDDLE),
                    Mark.NONE);
        }
        int group = (int) Math.ceil(units / (double) columns);
        c.text(left + width / 2, bottom + 34, "unit index within its layer" + (group > 1 ? " (one column per " + group
                + " units, the largest |t| shown)" : ""), new Canvas.Font(Frame.LABEL_SIZE + 0.5, Canvas.Anchor.MIDDLE, 0, false,
                Palette.TEXT), Mark.of("axis-title"));
        c.text(14, TOP + layers.size() * ROW / 2, "layer (recording order)", new Canvas.Font(Frame.LABEL_SIZE + 0.5,
                Canvas.Anchor.MIDDLE, -90, false, Palette.TEXT), Mark.of("axis-title"));
    }

    /** Diverging colour: blue (-1) through white (0) to red (+1). */
    static String color(double s) {
        double c = Math.max(-1, Math.min(1, s));
        int r;
        int g;
        int b;
        if (c >= 0) {
            r = 255;
            g = (int) Math.round(255 * (1 - c));
            b = g;
        } else {
            b = 255;
            r = (int) Math.round(255 * (1 + c));
            g = r;
        }
        return String.format("#%02x%02x%02x", r, g, b);
    }

    @Override
    public ValueTable table() {
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            int n = 0;
            for (int u = 0; u < t.get(i).length; u++) {
                double v = t.get(i)[u];
                if (Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
                n += selected.get(i)[u] ? 1 : 0;
            }
            rows.add(List.of(layers.get(i), String.valueOf(t.get(i).length), String.valueOf(n),
                    Double.isFinite(lo) ? String.format(Locale.ROOT, "%.2f", lo) : "–",
                    Double.isFinite(hi) ? String.format(Locale.ROOT, "%.2f", hi) : "–"));
        }
        return new ValueTable(List.of("layer", "units", "selected", "min t", "max t"), rows);
    }

    @Override
    public ValueTable summary() {
        return table();
    }
}
