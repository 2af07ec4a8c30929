package org.brainalign.app.drivesuppress;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.brainalign.app.plot.Figure;
import org.brainalign.app.plot.HistogramChart;
import org.brainalign.benchmarks.drivesuppress.Candidate;
import org.brainalign.benchmarks.drivesuppress.Corpus;
import org.brainalign.benchmarks.drivesuppress.CorpusSearch;
import org.brainalign.benchmarks.drivesuppress.Histogram;
import org.brainalign.benchmarks.drivesuppress.SentenceFilter;
import org.brainalign.core.subject.Subject;

/**
 * Runs a drive/suppress search with an encoder (progress on standard error: sentences read and
 * predicted per second, the best and worst z so far) and writes its results: {@code drive.csv} and
 * {@code suppress.csv} (rank, sentence, predicted response, z relative to the baseline sentences'
 * predictions, source file and line), {@code histogram.png} (predicted responses of the corpus, the
 * baseline sentences and both selections) and {@code search.json} (settings and counts).
 */
public final class SearchOutputs {
    /** Histogram range: the baseline predictions' mean ± this many of their SDs. */
    static final double HISTOGRAM_SDS = 8;
    static final int BINS = 96;

    private SearchOutputs() {}

    /** Runs the search into {@code out} (its checkpoint lives there until the search completes). */
    public static CorpusSearch.Result search(Encoder encoder, String encoderChecksum, Subject subject, List<String> exclude,
            List<Corpus.Spec> corpora, SentenceFilter filter, int top, int chunk, long checkpointEvery, Path out, boolean resume,
            boolean progress, PrintWriter err) throws IOException {
        Files.createDirectories(out);
        double mean = encoder.baselinePredicted()[0];
        double sd = encoder.baselinePredicted()[1];
        CorpusSearch.Settings settings = new CorpusSearch.Settings(corpora, filter, top, chunk, checkpointEvery, encoderChecksum,
                mean - HISTOGRAM_SDS * sd, mean + HISTOGRAM_SDS * sd, BINS);
        long start = System.nanoTime();
        long[] last = {start};
        CorpusSearch.Result result = CorpusSearch.run(settings, exclude,
                sentences -> SentenceFeatures.predict(subject, encoder.readout(), 0, sentences), out.resolve("checkpoint.bin"), resume,
                status -> {
                    long now = System.nanoTime();
                    if (progress && now - last[0] > 1_000_000_000L) {
                        last[0] = now;
                        double seconds = (now - start) / 1e9;
                        err.printf(Locale.ROOT, "\rsearch: %,d read, %,d predicted (%.0f sentences/s), best z %+.2f, worst z %+.2f   ",
                                status.read(), status.candidates(), status.candidates() / seconds, encoder.z(status.best()),
                                encoder.z(status.worst()));
                        err.flush();
                    }
                });
        if (progress) {
            err.println();
        }
        return result;
    }

    /** Writes the CSVs, the histogram and the JSON, and prints a summary. */
    public static void write(Encoder encoder, CorpusSearch.Result result, Path out, PrintWriter stdout) throws IOException {
        csv(encoder, result.drive(), out.resolve("drive.csv"));
        csv(encoder, result.suppress(), out.resolve("suppress.csv"));
        Histogram h = result.histogram();
        List<HistogramChart.Series> series = new ArrayList<>();
        series.add(new HistogramChart.Series("corpus", h.counts(), h.total()));
        series.add(binned("baseline sentences", encoder.baselinePredictions(), h));
        series.add(binned("drive selection", result.drive().stream().mapToDouble(Candidate::predicted).toArray(), h));
        series.add(binned("suppress selection", result.suppress().stream().mapToDouble(Candidate::predicted).toArray(), h));
        String title = "Predicted " + encoder.targets().getFirst() + " response";
        // Draw only the occupied bins (and two empty ones each side); values outside the histogram are reported.
        int first = Integer.MAX_VALUE;
        int last = -1;
        for (HistogramChart.Series sr : series) {
            for (int b = 0; b < sr.counts().length; b++) {
                if (sr.counts()[b] > 0) {
                    first = Math.min(first, b);
                    last = Math.max(last, b);
                }
            }
        }
        int from = Math.max(0, first - 2);
        int to = Math.min(BINS, last + 3);
        double width = (h.hi() - h.lo()) / BINS;
        int f = from;
        int t = to;
        series = series.stream().map(sr -> new HistogramChart.Series(sr.name(), java.util.Arrays.copyOfRange(sr.counts(), f, t),
                sr.total())).toList();
        new Figure("Drive/suppress search: " + encoder.modelId() + ", " + encoder.layer(), List.of(
                "Predicted responses of every corpus candidate, of the 1,000 baseline sentences and of the two selections; "
                        + "x in the units of the measured response (z-scored betas)."),
                List.of(new HistogramChart(title, "predicted response", h.lo() + from * width, h.lo() + to * width, series)), 1)
                .png(out.resolve("histogram.png"));
        JsonObject json = new JsonObject();
        json.add("encoder", encoder.summary());
        var s = result.status();
        json.addProperty("sentences_read", s.read());
        json.addProperty("candidates_predicted", s.candidates());
        json.addProperty("rejected_length", s.rejectedLength());
        json.addProperty("rejected_characters", s.rejectedCharacters());
        json.addProperty("duplicates_or_baseline", s.duplicates());
        json.addProperty("corpus_mean_prediction", result.mean());
        json.addProperty("corpus_sd_prediction", result.sd());
        json.addProperty("baseline_mean_prediction", encoder.baselinePredicted()[0]);
        json.addProperty("baseline_sd_prediction", encoder.baselinePredicted()[1]);
        json.addProperty("drive_mean_prediction", mean(result.drive()));
        json.addProperty("suppress_mean_prediction", mean(result.suppress()));
        json.addProperty("resumed", result.resumed());
        Files.writeString(out.resolve("search.json"), new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues()
                .create().toJson(json) + "\n");
        stdout.printf(Locale.ROOT, "read %,d sentences: %,d predicted, %,d outside the length range, %,d with other characters, "
                + "%,d duplicates or baseline sentences%n", s.read(), s.candidates(), s.rejectedLength(), s.rejectedCharacters(),
                s.duplicates());
        stdout.printf(Locale.ROOT, "predicted response: corpus %.3f ± %.3f, baseline sentences %.3f ± %.3f, drive top %d %.3f "
                + "(z %+.2f), suppress bottom %d %.3f (z %+.2f)%n", result.mean(), result.sd(), encoder.baselinePredicted()[0],
                encoder.baselinePredicted()[1], result.drive().size(), mean(result.drive()), encoder.z(mean(result.drive())),
                result.suppress().size(), mean(result.suppress()), encoder.z(mean(result.suppress())));
        for (var sel : List.of(result.drive(), result.suppress())) {
            for (int i = 0; i < Math.min(3, sel.size()); i++) {
                Candidate c = sel.get(i);
                stdout.printf(Locale.ROOT, "  %s %d: %.3f (z %+.2f)  %s%n", sel == result.drive() ? "drive" : "suppress", i + 1,
                        c.predicted(), encoder.z(c.predicted()), c.text());
            }
        }
        stdout.println("wrote " + out.resolve("drive.csv") + ", " + out.resolve("suppress.csv") + ", " + out.resolve("histogram.png")
                + ", " + out.resolve("search.json"));
    }

    /** The mean predicted response of {@code cs} (NaN when empty). */
    public static double mean(List<Candidate> cs) {
        return cs.stream().mapToDouble(Candidate::predicted).average().orElse(Double.NaN);
    }

    private static HistogramChart.Series binned(String name, double[] values, Histogram like) {
        Histogram h = new Histogram(like.lo(), like.hi(), like.counts().length);
        for (double v : values) {
            h.add(v);
        }
        return new HistogramChart.Series(name, h.counts(), h.total());
    }

    private static void csv(Encoder encoder, List<Candidate> cs, Path file) throws IOException {
        try (Writer w = Files.newBufferedWriter(file);
             CSVPrinter p = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setHeader("rank", "sentence", "predicted", "z", "source",
                     "line").get())) {
            int rank = 1;
            for (Candidate c : cs) {
                p.printRecord(rank++, c.text(), String.format(Locale.ROOT, "%.6f", c.predicted()),
                        String.format(Locale.ROOT, "%.4f", encoder.z(c.predicted())), c.source(), c.line());
            }
        }
    }
}
