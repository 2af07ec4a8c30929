package org.brainalign.app.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xml.sax.InputSource;

/**
 * The charts against closed-form expectations: the shared 0–1 axis and its widening, layer-name
 * shortening, every point and interval end at the pixel row of its value (read back through the
 * tick marks), value tables that hold every plotted number, and one well-formed SVG / decodable PNG
 * per figure.
 */
class PlotTest {
    @TempDir
    Path tmp;

    @Test
    void scoreAxisIsZeroToOneUnlessAValueLiesOutside() {
        YScale s = YScale.covering(new double[] {0.41, 0.42}, new double[] {0.38, Double.NaN});
        assertThat(s.min()).isZero();
        assertThat(s.max()).isEqualTo(1.0);
        assertThat(s.ticks()).containsExactly(0.0, 0.2, 0.4, 0.6000000000000001, 0.8, 1.0);
        assertThat(s.ticks().stream().map(s::label).toList()).containsExactly("0.0", "0.2", "0.4", "0.6", "0.8", "1.0");
        assertThat(YScale.covering(new double[] {0.0, 1.0}).min()).isZero(); // a value on the edge does not widen the axis
        assertThat(YScale.covering(new double[] {0.0, 1.0}).max()).isEqualTo(1.0);
        YScale neg = YScale.covering(new double[] {-0.13, 0.5});
        assertThat(neg.min()).isEqualTo(-0.2, within(1e-12));
        assertThat(neg.ticks().getFirst()).isEqualTo(-0.2, within(1e-12));
        assertThat(YScale.covering(new double[] {-0.04}).min()).isEqualTo(-0.2, within(1e-12)); // on the tick grid
        assertThat(neg.pixel(-0.2, 10, 250)).isEqualTo(250, within(1e-9));
        assertThat(neg.pixel(1.0, 10, 250)).isEqualTo(10, within(1e-9));
        assertThat(neg.pixel(0.4, 10, 250)).isEqualTo(250 - 0.6 / 1.2 * 240, within(1e-9));
    }

    @Test
    void layerNamesLoseOnlyTheirSharedPrefix() {
        assertThat(LayerChart.abbreviate(List.of("transformer.drop", "transformer.h.0", "transformer.h.11", "transformer.ln_f")))
                .containsExactly("drop", "h.0", "h.11", "ln_f");
        assertThat(LayerChart.abbreviate(List.of("encoder.layer.1", "encoder.layer.10"))).containsExactly("1", "10");
        assertThat(LayerChart.abbreviate(List.of("logits"))).containsExactly("logits");
        assertThat(LayerChart.abbreviate(List.of("a.very.long.module.path.that.goes.on", "b"))).containsExactly("…th.that.goes.on", "b");
    }

    private static LayerChart twoModels() {
        List<String> layers = List.of("transformer.drop", "transformer.h.0", "transformer.h.1");
        return new LayerChart("Tuckute2024-ridge per layer", "score", List.of(
                new LayerChart.Series("a", layers, new double[] {0.18, 0.2, Double.NaN}, new double[] {0.11, 0.14, Double.NaN},
                        new double[] {0.24, 0.25, Double.NaN}),
                new LayerChart.Series("b", layers, new double[] {0.05, -0.12, 0.3}, new double[] {0.0, -0.2, Double.NaN},
                        new double[] {0.1, -0.01, Double.NaN})));
    }

    @Test
    void everyPointAndIntervalSitsAtTheRowOfItsValue() {
        String svg = Figure.svg(twoModels());
        List<PlottedSvg.Point> pts = PlottedSvg.charts(svg).getFirst();
        assertThat(pts).hasSize(5); // the NaN layer of model a is not drawn
        double tol = pts.getFirst().tolerance();
        assertThat(tol).isLessThan(1.2 / 240 * 0.2);
        double[][] expected = {{0.18, 0.11, 0.24}, {0.2, 0.14, 0.25}, {0.05, 0.0, 0.1}, {-0.12, -0.2, -0.01}, {0.3, Double.NaN, Double.NaN}};
        for (int i = 0; i < pts.size(); i++) {
            assertThat(pts.get(i).fromPixels()).isEqualTo(expected[i][0], within(tol));
            if (Double.isNaN(expected[i][1])) {
                assertThat(pts.get(i).loFromPixels()).isNaN(); // no interval, no whisker
            } else {
                assertThat(pts.get(i).loFromPixels()).isEqualTo(expected[i][1], within(tol));
                assertThat(pts.get(i).hiFromPixels()).isEqualTo(expected[i][2], within(tol));
            }
        }
        assertThat(svg).contains(">drop<").contains("<title>transformer.h.0</title>"); // short label, full name on hover
        assertThat(svg).contains("class='axis-title'").contains(">layer<");
        assertThat(twoModels().table().rows()).hasSize(6).contains(List.of("b", "transformer.h.0", "-0.1200", "[-0.2000, -0.0100]"));
        assertThat(twoModels().summary().rows().getFirst()).containsExactly("a", "3", "0.1900", "transformer.h.0", "0.2000",
                "[0.1400, 0.2500]");
    }

    @Test
    void modelsWithDifferentLayersArePlacedByRelativeDepth() {
        LayerChart c = new LayerChart("x", "score", List.of(
                new LayerChart.Series("small", List.of("l0", "l1"), new double[] {0.1, 0.2}, new double[2], new double[2]),
                new LayerChart.Series("big", List.of("l0", "l1", "l2"), new double[] {0.1, 0.2, 0.3}, new double[3], new double[3])));
        assertThat(c.namedAxis()).isFalse();
        assertThat(Figure.svg(c)).contains("relative layer depth");
    }

    /**
     * A one-layer model (GloVe) beside a transformer on the relative-depth axis is a dashed line at
     * its score with its point past depth 1, not a point at depth 0 on the transformer's first layer;
     * the axis promises no hover (a PNG has none).
     */
    @Test
    void oneLayerModelsAreDashedLinesNotPointsAtDepthZero() {
        LayerChart c = new LayerChart("Tuckute2024-linear per layer", "raw score, no ceiling (95% CI)", List.of(
                new LayerChart.Series("gpt2", List.of("h.0", "h.1", "h.2"), new double[] {0.2, 0.3, 0.25}, new double[] {0.1, 0.2, 0.2},
                        new double[] {0.3, 0.4, 0.3}),
                new LayerChart.Series("glove", List.of("embedding"), new double[] {0.2}, new double[] {0.1}, new double[] {0.3})));
        String svg = Figure.svg(c);
        java.util.Map<String, java.util.List<Double>> cx = new java.util.HashMap<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<circle [^>]*>").matcher(svg);
        while (m.find()) {
            String el = m.group();
            if (el.contains("class='point'")) {
                String series = el.replaceAll(".*data-series='([^']*)'.*", "$1");
                cx.computeIfAbsent(series, k -> new java.util.ArrayList<>()).add(Double.parseDouble(el.replaceAll(".*cx='([^']*)'.*", "$1")));
            }
        }
        double gloveX = cx.get("glove").getFirst();
        assertThat(cx.get("gpt2")).allSatisfy(x -> assertThat(Math.abs(x - gloveX)).as("glove's point beside a gpt2 layer").isGreaterThan(6));
        assertThat(gloveX).isGreaterThan(java.util.Collections.max(cx.get("gpt2")));
        assertThat(svg).contains("class='baseline'").contains("glove (one layer, dashed)").contains("one-layer models: dashed lines")
                .doesNotContain("hover");
        // Its value is still read back from its pixels.
        List<PlottedSvg.Point> pts = PlottedSvg.charts(svg).getFirst();
        PlottedSvg.Point glove = pts.stream().filter(p -> p.series().equals("glove")).findFirst().orElseThrow();
        assertThat(glove.fromPixels()).isEqualTo(0.2, within(glove.tolerance()));
    }

    @Test
    void singleScoresAreDotsWithIntervalsAndPrintedValues() {
        DotChart d = new DotChart("Futrell2018-pearsonr (one score per model)", "score", List.of(
                new DotChart.Dot("untrained:gpt2@0", "lm_head", 0.4174, 0.384, 0.454),
                new DotChart.Dot("untrained:distilgpt2@0", "lm_head", 0.4162, 0.383, 0.452)), 0);
        String svg = Figure.svg(d);
        List<PlottedSvg.Point> pts = PlottedSvg.charts(svg).getFirst();
        assertThat(pts).hasSize(2);
        assertThat(pts.get(0).fromPixels()).isEqualTo(0.4174, within(pts.getFirst().tolerance()));
        assertThat(pts.get(1).fromPixels()).isEqualTo(0.4162, within(pts.getFirst().tolerance()));
        assertThat(pts.get(0).loFromPixels()).isEqualTo(0.384, within(pts.getFirst().tolerance()));
        assertThat(pts.get(1).hiFromPixels()).isEqualTo(0.452, within(pts.getFirst().tolerance()));
        assertThat(svg).contains(">0.4174<").contains(">0.4162<");
        assertThat(d.table().rows()).containsExactly(List.of("untrained:gpt2@0", "lm_head", "0.4174", "[0.3840, 0.4540]"),
                List.of("untrained:distilgpt2@0", "lm_head", "0.4162", "[0.3830, 0.4520]"));
    }

    @Test
    void emptyChartsAreRefusedSoCallersSayWhatIsMissing() {
        assertThatThrownBy(() -> new ScatterChart("s", "word perplexity", "average_language",
                List.of(new ScatterChart.Point("m", Double.NaN, 0.2)))).hasMessageContaining("no point has both");
        assertThatThrownBy(() -> new DotChart("d", "y", List.of(), -1)).hasMessageContaining("at least one");
        assertThatThrownBy(() -> new LayerChart("l", "y", List.of())).hasMessageContaining("at least one");
    }

    @Test
    void aFigureIsOneWellFormedSvgAndOnePng() throws Exception {
        Figure f = new Figure("report", List.of("a note"), List.of(twoModels(), new DotChart("d", "score",
                List.of(new DotChart.Dot("m<&>", "x", 0.5, 0.4, 0.6)), -1), new ScatterChart("s", "word perplexity", "avg",
                List.of(new ScatterChart.Point("m", 120, 0.1), new ScatterChart.Point("n", 2000, 0.2)))), 2);
        var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new InputSource(new StringReader(f.svg())));
        assertThat(doc.getDocumentElement().getTagName()).isEqualTo("svg");
        List<List<PlottedSvg.Point>> charts = PlottedSvg.charts(f.svg());
        assertThat(charts).hasSize(3);
        assertThat(charts.get(0)).hasSize(5);
        assertThat(charts.get(1).getFirst().fromPixels()).isEqualTo(0.5, within(charts.get(1).getFirst().tolerance()));
        assertThat(f.svg()).contains("m&lt;&amp;&gt;").contains(">a note<");
        Path png = tmp.resolve("f.png");
        f.png(png);
        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img.getWidth()).isEqualTo((int) Math.ceil(f.width() * 2));
        assertThat(img.getHeight()).isEqualTo((int) Math.ceil(f.height() * 2));
    }
}
