package org.brainalign.app.plot;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks on the text of a drawn figure, measured with the font the PNG is painted in (Java2D's
 * sans-serif): bold table headers on one line must each end before the next begins.
 */
public final class FigureText {
    private static final Pattern BOLD_TEXT = Pattern.compile(
            "<text x='([-0-9.]+)' y='([-0-9.]+)' font-size='([0-9.]+)'[^>]*font-weight='bold'[^>]*>([^<]*)</text>");

    private FigureText() {}

    /**
     * Every row of bold, start-anchored texts (table headers) of each chart: each ends before the next
     * one starts.
     */
    public static void assertNoHeaderRunsIntoTheNext(String svg) {
        int seen = 0;
        for (String chart : svg.split("<g class=[\"']chart[\"']")) {
            seen += check(chart);
        }
        assertThat(seen).as("bold header texts in the figure").isPositive();
    }

    private static int check(String svg) {
        Graphics2D g = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
        Map<String, List<double[]>> rows = new TreeMap<>();
        Map<double[], String> texts = new java.util.IdentityHashMap<>();
        Matcher m = BOLD_TEXT.matcher(svg);
        int seen = 0;
        while (m.find()) {
            if (!m.group().contains("text-anchor='start'")) {
                continue;
            }
            double[] t = {Double.parseDouble(m.group(1)), Double.parseDouble(m.group(3))};
            rows.computeIfAbsent(m.group(2), k -> new ArrayList<>()).add(t);
            texts.put(t, m.group(4).replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&#39;", "'"));
            seen++;
        }
        for (List<double[]> row : rows.values()) {
            row.sort((a, b) -> Double.compare(a[0], b[0]));
            for (int i = 0; i + 1 < row.size(); i++) {
                double[] t = row.get(i);
                Font f = new Font(Font.SANS_SERIF, Font.BOLD, 1).deriveFont((float) t[1]);
                double width = g.getFontMetrics(f).getStringBounds(texts.get(t), g).getWidth();
                assertThat(row.get(i + 1)[0] - t[0]).as("header '%s' (%.1f px wide in bold) runs into '%s'", texts.get(t), width,
                        texts.get(row.get(i + 1))).isGreaterThanOrEqualTo(width + 2);
            }
        }
        return seen;
    }
}
