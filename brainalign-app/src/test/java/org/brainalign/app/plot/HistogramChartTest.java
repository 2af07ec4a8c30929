package org.brainalign.app.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Histogram steps sit at each bin's fraction, read back from the SVG through the y-axis tick marks. */
class HistogramChartTest {

    @Test
    void everyStepSitsAtItsBinsFractionOfTheSeries() {
        long[] corpus = {0, 10, 30, 40, 20};
        long[] selection = {0, 0, 0, 1, 3};
        HistogramChart chart = new HistogramChart("h", "predicted", -1, 1.5, List.of(
                new HistogramChart.Series("corpus", corpus, 100), new HistogramChart.Series("selection", selection, 4)));
        String svg = Figure.svg(chart);
        // tick rows: value -> pixel y
        Matcher tick = Pattern.compile("<line class='tick' data-value='([^']+)' x1='[^']+' y1='([^']+)'").matcher(svg);
        List<double[]> ticks = new ArrayList<>();
        while (tick.find()) {
            ticks.add(new double[] {Double.parseDouble(tick.group(1)), Double.parseDouble(tick.group(2))});
        }
        assertThat(ticks).hasSizeGreaterThanOrEqualTo(2);
        double[] a = ticks.getFirst();
        double[] b = ticks.getLast();
        Matcher poly = Pattern.compile("<polyline class='histogram' data-series='([^']+)'[^>]*points='([^']+)'").matcher(svg);
        int seen = 0;
        while (poly.find()) {
            long[] counts = poly.group(1).equals("corpus") ? corpus : selection;
            long total = poly.group(1).equals("corpus") ? 100 : 4;
            String[] pts = poly.group(2).trim().split("\\s+");
            assertThat(pts).hasSize(2 * counts.length + 2);
            for (int bin = 0; bin < counts.length; bin++) {
                double y = Double.parseDouble(pts[1 + 2 * bin].split(",")[1]);
                double value = a[0] + (y - a[1]) / (b[1] - a[1]) * (b[0] - a[0]);
                assertThat(value).as("%s bin %d", poly.group(1), bin).isCloseTo((double) counts[bin] / total,
                        org.assertj.core.data.Offset.offset(0.005));
            }
            seen++;
        }
        assertThat(seen).isEqualTo(2);
        assertThat(chart.table().rows()).hasSize(5);
    }

    @Test
    void emptyOrMismatchedHistogramsAreRefused() {
        assertThatThrownBy(() -> new HistogramChart("h", "x", 0, 1, List.of(new HistogramChart.Series("a", new long[3], 0))))
                .hasMessageContaining("non-empty");
        assertThatThrownBy(() -> new HistogramChart("h", "x", 0, 1, List.of(new HistogramChart.Series("a", new long[] {1, 2}, 3),
                new HistogramChart.Series("b", new long[] {1}, 1)))).hasMessageContaining("same number");
    }
}
