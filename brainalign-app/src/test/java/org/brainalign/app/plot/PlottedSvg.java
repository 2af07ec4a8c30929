package org.brainalign.app.plot;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads plotted values back out of SVG markup (ours, or as a browser serialises it): the tick lines
 * of each chart give the pixel row of two known scores, and every point's and interval's pixel rows
 * are mapped back to scores through them — independently of the code that placed them.
 */
public final class PlottedSvg {
    /**
     * A plotted value: its series and x category, the score (and interval ends) read back from pixels,
     * how far off that reading may be, and the element's data attributes.
     */
    public record Point(String series, String x, double fromPixels, double loFromPixels, double hiFromPixels, double tolerance,
            Map<String, String> data) {}

    private static final Pattern SVG = Pattern.compile("<svg[^>]*>(.*?)</svg>", Pattern.DOTALL);
    private static final Pattern ELEMENT = Pattern.compile("<(line|circle|g)\\s([^>]*?)/?>");
    private static final Pattern ATTR = Pattern.compile("([a-zA-Z0-9_:-]+)=[\"']([^\"']*)[\"']");

    private PlottedSvg() {}

    private static final Pattern CHART_GROUP = Pattern.compile("<g class=[\"']chart[\"']");

    /** Each chart's points, chart by chart, in document order (an SVG figure's chart groups count as charts). */
    public static List<List<Point>> charts(String markup) {
        List<List<Point>> out = new ArrayList<>();
        Matcher svg = SVG.matcher(markup);
        while (svg.find()) {
            String body = svg.group(1);
            Matcher g = CHART_GROUP.matcher(body);
            List<Integer> starts = new ArrayList<>();
            while (g.find()) {
                starts.add(g.start());
            }
            if (starts.isEmpty()) {
                out.add(points(body));
            }
            for (int i = 0; i < starts.size(); i++) {
                out.add(points(body.substring(starts.get(i), i + 1 < starts.size() ? starts.get(i + 1) : body.length())));
            }
        }
        return out;
    }

    private static Map<String, String> attrs(String s) {
        Map<String, String> m = new HashMap<>();
        Matcher a = ATTR.matcher(s);
        while (a.find()) {
            m.put(a.group(1), a.group(2).replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                    .replace("&#39;", "'"));
        }
        return m;
    }

    static List<Point> points(String body) {
        List<double[]> ticks = new ArrayList<>(); // {value, pixel}
        List<Map<String, String>> circles = new ArrayList<>();
        Map<String, double[]> whiskers = new HashMap<>(); // key series|x -> {y1, y2}
        Matcher e = ELEMENT.matcher(body);
        String openInterval = null;
        while (e.find()) {
            Map<String, String> a = attrs(e.group(2));
            String cls = a.getOrDefault("class", "");
            if (e.group(1).equals("line") && cls.equals("tick")) {
                ticks.add(new double[] {Double.parseDouble(a.get("data-value")), Double.parseDouble(a.get("y1"))});
            } else if (e.group(1).equals("circle") && cls.equals("point")) {
                circles.add(a);
            } else if (e.group(1).equals("g") && cls.equals("interval")) {
                openInterval = a.get("data-series") + "|" + a.get("data-x");
            } else if (e.group(1).equals("line") && openInterval != null && !whiskers.containsKey(openInterval)) {
                // The first line of an interval group is the whisker itself (y1 = lower end, y2 = upper end).
                whiskers.put(openInterval, new double[] {Double.parseDouble(a.get("y1")), Double.parseDouble(a.get("y2"))});
                openInterval = null;
            }
        }
        List<Point> out = new ArrayList<>();
        if (ticks.size() < 2) {
            return out;
        }
        double[] t0 = ticks.getFirst();
        double[] t1 = ticks.getLast();
        java.util.function.DoubleUnaryOperator value = px -> t0[0] + (px - t0[1]) * (t1[0] - t0[0]) / (t1[1] - t0[1]);
        // Coordinates are written with one decimal: the point and each tick are up to 0.05 px off.
        double tolerance = 0.15 * Math.abs((t1[0] - t0[0]) / (t1[1] - t0[1]));
        for (Map<String, String> c : circles) {
            String key = c.get("data-series") + "|" + c.get("data-x");
            double[] w = whiskers.get(key);
            out.add(new Point(c.get("data-series"), c.get("data-x"), value.applyAsDouble(Double.parseDouble(c.get("cy"))),
                    w == null ? Double.NaN : value.applyAsDouble(w[0]), w == null ? Double.NaN : value.applyAsDouble(w[1]), tolerance, c));
        }
        return out;
    }

}
