package org.brainalign.app.leaderboard;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.brainalign.app.store.ResultsStore;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;

/**
 * Offline reports of a results store. HTML: the leaderboard page and every model's layer curves in
 * one self-contained file. PNG and SVG (XChart): one chart per benchmark with every model's
 * normalised score per layer (x = layer index in recording order), plus the brain-score vs
 * perplexity scatter; PNG puts them in one grid image, SVG writes one file per chart next to the
 * requested name ({@code report-1-<benchmark>.svg}, …).
 */
public final class Report {
    private Report() {}

    /** Writes the report; the format follows the extension of {@code out}. Returns the files written. */
    public static List<Path> write(ResultsStore store, Path out) throws IOException {
        String name = out.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (name.endsWith(".html")) {
            StringBuilder body = new StringBuilder(LeaderboardServer.indexBody(store, "#model-"));
            for (Leaderboard.Row r : Leaderboard.rankBsl(store)) {
                String id = r.model().model();
                body.append("<h2 id='model-").append(Html.escape(id.replaceAll("[^A-Za-z0-9_.-]", "_"))).append("'>")
                        .append(Html.escape(id)).append("</h2>").append(LeaderboardServer.modelBody(store, r.model()));
            }
            Files.writeString(out, LeaderboardServer.page("brainalign report", body + LeaderboardServer.SORT_SCRIPT));
            return List.of(out);
        }
        List<XYChart> charts = charts(store);
        if (charts.isEmpty()) {
            throw new IllegalArgumentException("the results store has no scores to plot");
        }
        if (name.endsWith(".png")) {
            int cols = Math.min(2, charts.size());
            int rows = (charts.size() + cols - 1) / cols;
            while (charts.size() < rows * cols) {
                charts.add(new XYChartBuilder().width(640).height(400).title("").build()); // XChart fills every grid cell
            }
            BitmapEncoder.saveBitmap(charts, rows, cols, out.toString(), BitmapEncoder.BitmapFormat.PNG);
            return List.of(out);
        }
        if (name.endsWith(".svg")) {
            List<Path> files = new ArrayList<>();
            String stem = out.getFileName().toString().replaceFirst("(?i)\\.svg$", "");
            for (int i = 0; i < charts.size(); i++) {
                String slug = charts.get(i).getTitle().replaceAll("[^A-Za-z0-9_.-]+", "_");
                Path f = out.resolveSibling(stem + "-" + (i + 1) + "-" + slug + ".svg");
                VectorGraphicsEncoder.saveVectorGraphic(charts.get(i), f.toString(), VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
                files.add(f);
            }
            return files;
        }
        throw new IllegalArgumentException("--out must end in .html, .png or .svg, got '" + out.getFileName() + "'");
    }

    private static List<XYChart> charts(ResultsStore store) {
        Map<String, Map<String, List<ResultsStore.LayerRow>>> byBenchmark = new LinkedHashMap<>();
        List<ResultsStore.ModelKey> models = store.models();
        for (ResultsStore.ModelKey m : models) {
            for (ResultsStore.LayerRow r : store.layerRows(m)) {
                byBenchmark.computeIfAbsent(r.benchmark(), k -> new LinkedHashMap<>())
                        .computeIfAbsent(m.model(), k -> new ArrayList<>()).add(r);
            }
        }
        List<XYChart> charts = new ArrayList<>();
        for (String benchmark : new TreeSet<>(byBenchmark.keySet())) {
            XYChart chart = new XYChartBuilder().width(640).height(400).title(benchmark).xAxisTitle("layer (recording order)")
                    .yAxisTitle("normalised score").build();
            chart.getStyler().setYAxisDecimalPattern("0.###");
            chart.getStyler().setXAxisDecimalPattern("0");
            for (var e : byBenchmark.get(benchmark).entrySet()) {
                List<Double> x = new ArrayList<>();
                List<Double> y = new ArrayList<>();
                for (int i = 0; i < e.getValue().size(); i++) {
                    double v = e.getValue().get(i).normalized();
                    if (!Double.isNaN(v)) {
                        x.add((double) i);
                        y.add(v);
                    }
                }
                if (!x.isEmpty()) {
                    chart.addSeries(e.getKey(), x, y);
                }
            }
            if (!chart.getSeriesMap().isEmpty()) {
                charts.add(chart);
            }
        }
        List<Double> px = new ArrayList<>();
        List<Double> py = new ArrayList<>();
        for (Leaderboard.Row r : Leaderboard.rankBsl(store)) {
            double ppl = store.perplexity(r.model());
            double avg = r.score("average_language");
            if (ppl > 0 && !Double.isNaN(avg)) {
                px.add(ppl);
                py.add(avg);
            }
        }
        if (!px.isEmpty()) {
            XYChart scatter = new XYChartBuilder().width(640).height(400).title("brain score vs next-word perplexity")
                    .xAxisTitle("word perplexity").yAxisTitle("average_language").build();
            scatter.getStyler().setDefaultSeriesRenderStyle(org.knowm.xchart.XYSeries.XYSeriesRenderStyle.Scatter);
            scatter.getStyler().setXAxisLogarithmic(true);
            scatter.getStyler().setXAxisDecimalPattern("#,##0");
            scatter.getStyler().setYAxisDecimalPattern("0.###");
            scatter.addSeries("models", px, py);
            charts.add(scatter);
        }
        return charts;
    }
}
