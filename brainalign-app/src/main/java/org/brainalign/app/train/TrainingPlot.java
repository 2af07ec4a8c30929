package org.brainalign.app.train;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Draws a training run's {@code log.csv} as a PNG: training loss per step and validation loss at
 * each validation pass (natural-log units; the title gives the last validation perplexity).
 */
public final class TrainingPlot {

    private TrainingPlot() {
    }

    /** Reads {@code log} and writes the loss curves to {@code png}. */
    public static void write(Path log, Path png, String title) throws IOException {
        List<Double> trainStep = new ArrayList<>();
        List<Double> trainLoss = new ArrayList<>();
        List<Double> valStep = new ArrayList<>();
        List<Double> valLoss = new ArrayList<>();
        try (Reader r = Files.newBufferedReader(log, StandardCharsets.UTF_8)) {
            for (CSVRecord rec : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)) {
                double step = Double.parseDouble(rec.get("step"));
                if (!rec.get("train_loss").isEmpty()) {
                    trainStep.add(step);
                    trainLoss.add(Double.parseDouble(rec.get("train_loss")));
                }
                if (!rec.get("val_loss").isEmpty()) {
                    valStep.add(step);
                    valLoss.add(Double.parseDouble(rec.get("val_loss")));
                }
            }
        }
        String subtitle = valLoss.isEmpty() ? "" : String.format(java.util.Locale.ROOT, " (validation perplexity %.1f)",
                Math.exp(valLoss.getLast()));
        XYChart chart = new XYChartBuilder().width(900).height(500).title(title + subtitle).xAxisTitle("step")
                .yAxisTitle("loss (nats/token)").build();
        if (!trainStep.isEmpty()) {
            XYSeries s = chart.addSeries("train (incl. spatial loss)", trainStep, trainLoss);
            s.setMarker(SeriesMarkers.NONE);
        }
        if (!valStep.isEmpty()) {
            chart.addSeries("validation", valStep, valLoss).setMarker(SeriesMarkers.CIRCLE);
        }
        Path tmp = png.resolveSibling(png.getFileName() + ".tmp.png");
        BitmapEncoder.saveBitmap(chart, tmp.toString(), BitmapEncoder.BitmapFormat.PNG);
        Files.move(tmp, png, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
