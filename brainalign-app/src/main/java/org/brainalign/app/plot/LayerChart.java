package org.brainalign.app.plot;

import java.util.ArrayList;
import java.util.List;

/**
 * Scores per layer, one line per model, every point with its 95 % interval. When all models share
 * the same layers (or there is one model) the x axis names them, shortened to what differs between
 * them (the full name on hover); otherwise x is the relative depth of each layer in its model
 * (first recorded layer 0, last 1), as in Schrimpf et al. 2021's layer plots. A model with one layer
 * (word vectors, a random embedding) has no depth: it is drawn as a dashed line across the depth axis
 * at its score, with its point and interval past depth 1, never at depth 0 over another model's first layer.
 */
public record LayerChart(String title, String yTitle, List<Series> series) implements Chart {
    /** One model's layers in recording order, with the score and interval of each (NaN where none). */
    public record Series(String name, List<String> layers, double[] value, double[] lo, double[] hi) {
        public Series {
            layers = List.copyOf(layers);
            if (value.length != layers.size() || lo.length != layers.size() || hi.length != layers.size()) {
                throw new IllegalArgumentException(name + ": " + layers.size() + " layers but " + value.length + " values, "
                        + lo.length + " lower and " + hi.length + " upper interval ends");
            }
        }
    }

    private static final int MAX_LABEL = 16;

    public LayerChart {
        series = List.copyOf(series);
        if (series.isEmpty() || series.stream().allMatch(s -> s.layers().isEmpty())) {
            throw new IllegalArgumentException(title + ": a layer chart needs at least one scored layer");
        }
    }

    /** Whether the x axis names layers (true) or shows relative depth (false). */
    public boolean namedAxis() {
        return series.stream().allMatch(s -> s.layers().equals(series.getFirst().layers()));
    }

    private List<String> labels() {
        return abbreviate(series.getFirst().layers());
    }

    /** Layer names without the prefix they all share (up to a dot), each at most 16 characters. */
    static List<String> abbreviate(List<String> names) {
        String prefix = names.isEmpty() ? "" : names.getFirst();
        for (String n : names) {
            int k = 0;
            while (k < prefix.length() && k < n.length() && prefix.charAt(k) == n.charAt(k)) {
                k++;
            }
            prefix = prefix.substring(0, k);
        }
        int cut = prefix.lastIndexOf('.') + 1;
        List<String> out = new ArrayList<>();
        for (String n : names) {
            String s = names.size() > 1 && cut < n.length() ? n.substring(cut) : n;
            out.add(Frame.shorten(s, MAX_LABEL));
        }
        return out;
    }

    private double labelHeight() {
        if (!namedAxis()) {
            return 18;
        }
        int longest = labels().stream().mapToInt(String::length).max().orElse(1);
        return Canvas.textWidth("x".repeat(longest), Frame.LABEL_SIZE) * Math.sin(Math.toRadians(40)) + 16;
    }

    private double top() {
        return 34 + Frame.legendHeight(names());
    }

    private List<String> names() {
        boolean named = namedAxis();
        return series.stream().map(s -> !named && s.layers().size() == 1 ? s.name() + " (one layer, dashed)" : s.name()).toList();
    }

    @Override
    public double height() {
        return top() + Frame.PLOT_HEIGHT + labelHeight() + 22;
    }

    @Override
    public void draw(Canvas c) {
        YScale scale = scale();
        double top = top();
        double bottom = top + Frame.PLOT_HEIGHT;
        Frame.title(c, title);
        Frame.legend(c, names(), 28);
        Frame.yAxis(c, scale, top, bottom, yTitle);
        double left = Frame.LEFT;
        double width = WIDTH - Frame.RIGHT - left;
        boolean named = namedAxis();
        if (named) {
            List<String> labels = labels();
            List<String> full = series.getFirst().layers();
            double spacing = width / labels.size();
            for (int i = 0; i < labels.size(); i++) {
                double x = left + spacing * (i + 0.5);
                c.line(x, bottom, x, bottom + 4, Palette.AXIS, 1, Mark.NONE);
                c.text(x + 3, bottom + 12, labels.get(i), new Canvas.Font(Frame.LABEL_SIZE, Canvas.Anchor.END, -40, false, Palette.TEXT),
                        new Mark("layer-label", full.get(i), java.util.Map.of("layer", full.get(i))));
            }
            Frame.xTitle(c, "layer", bottom + labelHeight() + 14);
        } else {
            for (int k = 0; k <= 4; k++) {
                double x = left + 12 + k / 4.0 * (width - 24);
                c.line(x, bottom, x, bottom + 4, Palette.AXIS, 1, Mark.NONE);
                c.text(x, bottom + 15, k == 0 ? "0" : k == 4 ? "1" : String.valueOf(k / 4.0), Canvas.Font.plain(Frame.LABEL_SIZE,
                        Canvas.Anchor.MIDDLE), Mark.NONE);
            }
            boolean flat = series.stream().anyMatch(s -> s.layers().size() == 1);
            Frame.xTitle(c, "relative layer depth (first recorded layer 0, last 1)" + (flat ? "; one-layer models: dashed lines" : ""),
                    bottom + labelHeight() + 14);
        }
        int n = series.size();
        for (int s = 0; s < n; s++) {
            Series sr = series.get(s);
            int m = sr.layers().size();
            double[] xs = new double[m];
            boolean flat = !named && m == 1;
            for (int i = 0; i < m; i++) {
                double dodge = (s - (n - 1) / 2.0) * Math.min(4, (named ? width / m : (width - 24) / Math.max(1, m - 1)) / (n + 1));
                xs[i] = flat ? left + width - 5 : (named ? left + width / m * (i + 0.5)
                        : left + 12 + (m == 1 ? 0 : (double) i / (m - 1)) * (width - 24)) + dodge;
            }
            if (flat && Double.isFinite(sr.value()[0])) {
                double y = scale.pixel(sr.value()[0], top, bottom);
                Mark line = new Mark("baseline", sr.name() + ": " + Fmt.value(sr.value()[0]) + " (one layer)",
                        java.util.Map.of("series", sr.name()));
                for (double x = left + 12; x < left + width - 12; x += 10) {
                    c.line(x, y, Math.min(x + 6, left + width - 12), y, Palette.series(s), 1.6, line);
                }
            }
            List<Double> lx = new ArrayList<>();
            List<Double> ly = new ArrayList<>();
            for (int i = 0; i < m; i++) {
                if (Double.isFinite(sr.value()[i])) {
                    lx.add(xs[i]);
                    ly.add(scale.pixel(sr.value()[i], top, bottom));
                }
            }
            c.polyline(lx.stream().mapToDouble(Double::doubleValue).toArray(), ly.stream().mapToDouble(Double::doubleValue).toArray(),
                    Palette.series(s), 1.6, new Mark("curve", sr.name(), java.util.Map.of("series", sr.name())));
            for (int i = 0; i < m; i++) {
                if (Double.isFinite(sr.value()[i])) {
                    String layer = sr.layers().get(i);
                    Frame.pointWithInterval(c, xs[i], sr.value()[i], sr.lo()[i], sr.hi()[i], scale, top, bottom, Palette.series(s), 3.3,
                            Frame.data(sr.name(), layer, sr.value()[i], sr.lo()[i], sr.hi()[i]),
                            (n > 1 ? sr.name() + " · " : "") + layer + ": " + Fmt.withInterval(sr.value()[i], sr.lo()[i], sr.hi()[i]));
                }
            }
        }
    }

    private YScale scale() {
        List<double[]> all = new ArrayList<>();
        for (Series s : series) {
            all.add(s.value());
            all.add(s.lo());
            all.add(s.hi());
        }
        return YScale.covering(all.toArray(double[][]::new));
    }

    @Override
    public ValueTable table() {
        boolean many = series.size() > 1;
        List<String> header = new ArrayList<>(many ? List.of("model") : List.of());
        header.addAll(List.of("layer", "score", "95 % interval"));
        List<List<String>> rows = new ArrayList<>();
        for (Series s : series) {
            for (int i = 0; i < s.layers().size(); i++) {
                List<String> row = new ArrayList<>(many ? List.of(s.name()) : List.of());
                row.addAll(List.of(s.layers().get(i), Fmt.value(s.value()[i]), Fmt.interval(s.lo()[i], s.hi()[i])));
                rows.add(row);
            }
        }
        return new ValueTable(header, rows);
    }

    @Override
    public ValueTable summary() {
        List<List<String>> rows = new ArrayList<>();
        for (Series s : series) {
            int best = -1;
            double sum = 0;
            int k = 0;
            for (int i = 0; i < s.value().length; i++) {
                double v = s.value()[i];
                if (Double.isFinite(v)) {
                    sum += v;
                    k++;
                    if (best < 0 || v > s.value()[best]) {
                        best = i;
                    }
                }
            }
            int ties = 0;
            for (int i = 0; best >= 0 && i < s.value().length; i++) {
                ties += i != best && s.value()[i] == s.value()[best] ? 1 : 0;
            }
            rows.add(List.of(s.name(), String.valueOf(s.layers().size()), k == 0 ? "–" : Fmt.value(sum / k),
                    best < 0 ? "–" : s.layers().get(best) + (ties > 0 ? " (+" + ties + " tied)" : ""),
                    best < 0 ? "–" : Fmt.value(s.value()[best]), best < 0 ? "–" : Fmt.interval(s.lo()[best], s.hi()[best])));
        }
        return new ValueTable(List.of("model", "layers", "mean over layers", "peak layer", "peak", "95 % interval"), rows);
    }
}
