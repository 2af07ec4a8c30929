package org.brainalign.app.leaderboard;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.brainalign.app.plot.Chart;
import org.brainalign.app.plot.Figure;
import org.brainalign.app.plot.Xml;
import org.brainalign.app.store.ResultsStore;

/**
 * Offline reports of a results store, drawn by the same charts as the web pages. HTML: one
 * self-contained file (no links outside it; downloads embedded) with the leaderboard, the models
 * side by side with paired tests, and every model's charts with value tables. PNG and SVG: one
 * figure ({@link Figure}) with a chart per benchmark, its summary table beneath, and the brain score
 * vs perplexity scatter when any model has a perplexity (otherwise a note says how to get one).
 */
public final class Report {
    /** At most this many models (the top-ranked) are compared pairwise in the HTML report. */
    static final int MAX_COMPARED = 6;

    private Report() {}

    /** Writes the report; the format follows the extension of {@code out}. Returns the file written. */
    public static Path write(ResultsStore store, Path out) throws IOException {
        String name = out.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean html = name.endsWith(".html") || name.endsWith(".htm");
        if (!html && !name.endsWith(".png") && !name.endsWith(".svg")) {
            throw new IllegalArgumentException("--out must end in .html, .png or .svg, got '" + out.getFileName() + "'");
        }
        List<Leaderboard.Row> ranked = Leaderboard.rankBsl(store);
        if (ranked.isEmpty()) {
            throw new IllegalArgumentException(store.file() + ": the results store has no scores on real recordings to report");
        }
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (html) {
            Files.writeString(out, Pages.page("brainalign report", html(store, ranked) + Pages.SORT_SCRIPT, true));
            return out;
        }
        List<Chart> charts = new ArrayList<>(StoreCharts.benchmarks(store));
        List<String> notes = new ArrayList<>(List.of("Scores divided by each benchmark's ceiling (raw where it has none); "
                + "whiskers are 95% bootstrap intervals; every score axis runs from 0 to 1 unless a value lies outside."));
        StoreCharts.scatter(store, ranked).ifPresentOrElse(charts::add, () -> notes.add(StoreCharts.NO_PERPLEXITY));
        Figure figure = new Figure("brainalign report: " + ranked.size() + " model" + (ranked.size() == 1 ? "" : "s")
                + " on real recordings (" + store.file().getFileName() + ")", notes, charts, 2);
        if (name.endsWith(".png")) {
            figure.png(out);
        } else {
            Files.writeString(out, figure.svg());
        }
        return out;
    }

    private static String html(ResultsStore store, List<Leaderboard.Row> ranked) {
        StringBuilder b = new StringBuilder("<h2>Leaderboard</h2>").append(Pages.index(store, true));
        if (ranked.size() >= 2) {
            List<ResultsStore.ModelKey> top = ranked.stream().limit(MAX_COMPARED).map(Leaderboard.Row::model).toList();
            b.append("<h2>Models side by side</h2>");
            if (ranked.size() > MAX_COMPARED) {
                b.append("<p>The ").append(MAX_COMPARED).append(" top-ranked models of ").append(ranked.size()).append(".</p>");
            }
            b.append(Pages.compare(store, top));
        }
        var byBenchmark = StoreCharts.byBenchmark(store, store.models()); // read once for every model's section
        for (Leaderboard.Row r : ranked) {
            String id = r.model().model();
            b.append("<h2 id='model-").append(Xml.escape(Pages.slug(id))).append("'>").append(Xml.escape(id)).append("</h2>")
                    .append("<p>checkpoint ").append(Xml.escape(r.model().checkpoint())).append("</p>")
                    .append(Pages.model(byBenchmark, r.model()));
        }
        return b.toString();
    }
}
