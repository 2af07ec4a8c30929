package org.brainalign.app.leaderboard;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.brainalign.app.plot.Chart;
import org.brainalign.app.plot.Figure;
import org.brainalign.app.plot.Fmt;
import org.brainalign.app.plot.Xml;
import org.brainalign.app.report.ScoreJson;
import org.brainalign.app.store.ResultsStore;
import org.brainalign.app.store.ResultsStore.ModelKey;

/**
 * The HTML of the leaderboard, for the web server and the offline report alike. Served pages link
 * to the server's routes; offline pages ({@code offline = true}) link only inside the file and embed
 * their downloads as data URIs, so a saved report has no dead link. Every chart is followed by the
 * table of the values it plots.
 */
final class Pages {
    private Pages() {}

    /** A whole page. */
    static String page(String title, String body, boolean offline) {
        return "<!doctype html><html><head><meta charset='utf-8'><meta name='viewport' content='width=device-width'><title>"
                + Xml.escape(title) + "</title><style>" + CSS + "</style></head><body>"
                + (offline ? "" : "<nav><a href='/'>leaderboard</a></nav>") + "<h1>" + Xml.escape(title) + "</h1>" + body
                + "</body></html>";
    }

    private static final String CSS = "body{font-family:'DejaVu Sans',Arial,sans-serif;margin:1.5em 2em;max-width:1500px;color:#222}"
            + "table{border-collapse:collapse}th,td{border:1px solid #ccc;padding:3px 5px;font-size:13px}"
            + ".board th{cursor:pointer;background:#f4f4f4;vertical-align:bottom}.board th.group{cursor:default;font-weight:normal;"
            + "color:#555;font-size:11px}.board th.depth0{background:#e4e4ee}.board th.depth1{background:#ececf2}"
            + ".board td{font-variant-numeric:tabular-nums;white-space:nowrap}.board td.na{color:#777;text-align:center}"
            + "p.rule{max-width:70em;color:#333}.scroll{overflow-x:auto}"
            + ".values{margin:4px 0 28px 0}.values th{background:#f4f4f4}.values td{font-variant-numeric:tabular-nums}"
            + "div.values-box{max-height:22em;overflow-y:auto;display:inline-block}"
            + ".empty{color:#555;font-style:italic}svg{max-width:100%;height:auto}sup{color:#a33}h2{margin-top:1.6em}";

    /**
     * One ranked table: a header row of groups (the node each column averages into) over a row of the
     * columns, every node of the ranked tree as a column; whether any cell counted a missing part as 0.
     */
    private static boolean table(StringBuilder b, String id, List<Leaderboard.Row> rows, boolean offline) {
        List<Leaderboard.Column> columns = Leaderboard.columns();
        b.append("<div class='scroll'><table class='board' id='").append(id).append("'><thead><tr><th colspan='2'></th>");
        for (int c = 0; c < columns.size(); ) {
            String group = columns.get(c).parent();
            int span = 1;
            while (c + span < columns.size() && columns.get(c + span).parent().equals(group)) {
                span++;
            }
            b.append("<th class='group' colspan='").append(span).append("'>")
                    .append(group.isEmpty() ? "" : "parts of " + Xml.escape(group)).append("</th>");
            c += span;
        }
        b.append("</tr><tr><th data-type='num'>rank</th><th>model</th>");
        for (Leaderboard.Column c : columns) {
            // Break long ids only after their separators, never inside a word.
            b.append("<th data-type='num' class='depth").append(c.depth()).append("' title='").append(Xml.escape(c.id()))
                    .append(c.parent().isEmpty() ? "" : Xml.escape(", a part of " + c.parent())).append("'>")
                    .append(Xml.escape(c.id()).replace("-", "-<wbr>").replace("_", "_<wbr>").replaceAll("([A-Za-z])([0-9])", "$1<wbr>$2"))
                    .append("</th>");
        }
        b.append("</tr></thead><tbody>");
        int rank = 0;
        boolean anyMissing = false;
        for (Leaderboard.Row r : rows) {
            String name = r.model().model();
            b.append("<tr><td>").append(++rank).append("</td><td>");
            if (!offline) {
                b.append("<input type='checkbox' name='m' form='compare' value='").append(Xml.escape(name)).append("'> ");
            }
            b.append("<a href='").append(Xml.escape(modelLink(name, offline))).append("'>").append(Xml.escape(name)).append("</a></td>");
            for (Leaderboard.Column c : columns) {
                if (r.notApplicable(c.id())) {
                    b.append("<td class='na' title='").append(Xml.escape(String.join("; ", r.limits().values()))).append("'>n/a</td>");
                    continue;
                }
                double v = r.score(c.id());
                int[] missing = r.missingChildren(c.id());
                b.append("<td");
                if (missing != null) {
                    anyMissing = true;
                    b.append(" title='").append(missing[0]).append(" of ").append(missing[1]).append(" parts not scored, counted as 0'");
                }
                b.append('>').append(Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.4f", v));
                b.append(missing != null ? "<sup>" + missing[0] + "/" + missing[1] + "</sup>" : "").append("</td>");
            }
            b.append("</tr>");
        }
        b.append("</tbody></table></div>");
        return anyMissing;
    }

    /** The link to a model's page (served) or section (offline). */
    static String modelLink(String id, boolean offline) {
        return offline ? "#model-" + slug(id) : "/model/" + pathSegment(id);
    }

    /** {@code id} encoded as one URL path segment: a space is {@code %20} (a path, not a form, where '+' is a plus). */
    static String pathSegment(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static String slug(String id) {
        return id.replaceAll("[^A-Za-z0-9_.-]", "_");
    }

    /** A chart followed by its value table. */
    static String chart(Chart chart) {
        return "<div class='plot'>" + Figure.svg(chart) + "</div><div class='values-box'>" + chart.table().html() + "</div>";
    }

    /** The ranked table, downloads, the comparison form (served) and the scatter. */
    static String index(ResultsStore s, boolean offline) {
        List<Leaderboard.Row> rows = Leaderboard.rankBsl(s);
        if (rows.isEmpty()) {
            return "<p class='empty'>This store holds no scores on real recordings yet: run brainalign score --store "
                    + Xml.escape(s.file().getFileName().toString()) + " …</p>";
        }
        List<Leaderboard.Row> full = rows.stream().filter(Leaderboard.Row::complete).toList();
        List<Leaderboard.Row> separate = rows.stream().filter(r -> !r.complete()).toList();
        StringBuilder b = new StringBuilder("<p class='rule'>").append(Xml.escape(Leaderboard.RULE)).append("</p>");
        boolean anyMissing = false;
        if (!full.isEmpty()) {
            anyMissing |= table(b, "leaderboard", full, offline);
        }
        if (!separate.isEmpty()) {
            b.append("<h2>Ranked separately: models that cannot run every benchmark by their kind</h2>"
                    + "<p>n/a: the model cannot give what the benchmark needs (hover for why); these models are ranked by the mean "
                    + "of the parts they can run and are not comparable with the table above.</p>");
            anyMissing |= table(b, "leaderboard-separate", separate, offline);
        }
        if (anyMissing) {
            b.append("<p><sup>k/n</sup>: k of the n parts of this score were not scored and count as 0, as Brain-Score ranks.</p>");
        }
        if (offline) {
            b.append("<p>Download: <a download='leaderboard.json' href='data:application/json;base64,")
                    .append(base64(leaderboardJson(s))).append("'>JSON</a> · <a download='leaderboard.csv' href='data:text/csv;base64,")
                    .append(base64(Leaderboard.csv(rows))).append("'>CSV</a></p>");
        } else {
            b.append("<p><a href='/api/leaderboard.json'>JSON</a> · <a href='/api/leaderboard.csv'>CSV</a></p>");
            b.append("<form id='compare' action='/compare' method='get'><button type='submit'>compare the ticked models</button></form>");
        }
        b.append("<h2>Brain score vs next-word perplexity</h2><div id='scatter'>");
        StoreCharts.scatter(s, rows).ifPresentOrElse(c -> b.append(chart(c)),
                () -> b.append("<p class='empty'>").append(Xml.escape(StoreCharts.NO_PERPLEXITY)).append("</p>"));
        return b.append("</div>").toString();
    }

    /** One model's charts, one per benchmark. */
    static String model(ResultsStore s, ModelKey key) {
        return model(StoreCharts.byBenchmark(s, s.models()), key);
    }

    /**
     * One model's charts from the store's rows by benchmark and model (read once by a caller that
     * draws several models' pages, as the offline report does).
     */
    static String model(java.util.Map<String, java.util.Map<ModelKey, List<ResultsStore.LayerRow>>> byBenchmark, ModelKey key) {
        StringBuilder b = new StringBuilder();
        byBenchmark.forEach((benchmark, rows) -> {
            if (rows.containsKey(key)) {
                b.append("<h3>").append(Xml.escape(benchmark)).append("</h3>").append(chart(StoreCharts.benchmark(benchmark, rows, key)));
            }
        });
        return b.toString();
    }

    /** Models side by side per benchmark, with the paired bootstrap of every pair. */
    static String compare(ResultsStore s, List<ModelKey> models) {
        List<Comparisons.Benchmark> all = Comparisons.of(s, models);
        if (all.isEmpty()) {
            return "<p class='empty'>These models share no benchmark.</p>";
        }
        StringBuilder b = new StringBuilder("<p>Each model at its best layer (by normalised score). Differences are of raw scores at "
                + "those layers, with the paired bootstrap over the same splits and neuroids (1,000 resamples, seed 0) that "
                + "<code>brainalign compare</code> runs.</p>");
        for (Comparisons.Benchmark c : all) {
            b.append("<h3>").append(Xml.escape(c.id())).append("</h3>").append(chart(c.chart()));
            b.append("<table class='values pairs'><thead><tr><th>A</th><th>B</th><th>raw A − B</th><th>95 % interval</th>"
                    + "<th>paired bootstrap p</th></tr></thead><tbody>");
            for (Comparisons.Pair p : c.pairs()) {
                b.append("<tr><td>").append(Xml.escape(p.a().model().model() + " · " + p.a().best().layer())).append("</td><td>")
                        .append(Xml.escape(p.b().model().model() + " · " + p.b().best().layer())).append("</td>");
                if (p.result() == null) {
                    b.append("<td colspan='3' class='empty'>no paired test: ").append(Xml.escape(p.whyNot())).append("</td>");
                } else {
                    b.append("<td>").append(Fmt.value(p.result().difference())).append("</td><td>")
                            .append(Fmt.interval(p.result().interval().lower(), p.result().interval().upper())).append("</td><td>")
                            .append(Xml.escape(pValue(p.result().pValue()))).append("</td>");
                }
                b.append("</tr>");
            }
            b.append("</tbody></table>");
        }
        return b.toString();
    }

    /** A bootstrap p-value: below the resolution of 1,000 resamples it is printed as a bound. */
    static String pValue(double p) {
        return p < 1.0 / org.brainalign.core.score.Bootstrap.RESAMPLES ? "< 0.001" : String.format(Locale.ROOT, "%.3f", p);
    }

    static String leaderboardJson(ResultsStore s) {
        JsonArray out = new JsonArray();
        int[] rank = new int[2];
        for (Leaderboard.Row r : Leaderboard.rankBsl(s)) {
            JsonObject o = new JsonObject();
            int t = r.complete() ? 0 : 1;
            o.addProperty("rank", ++rank[t]);
            o.addProperty("table", t == 0 ? "ranked" : "ranked-separately");
            o.addProperty("model", r.model().model());
            o.addProperty("checkpoint", r.model().checkpoint());
            JsonObject scores = new JsonObject();
            JsonArray na = new JsonArray();
            for (String c : Leaderboard.columnIds()) {
                if (r.notApplicable(c)) {
                    na.add(c);
                } else {
                    scores.add(c, ScoreJson.num(r.score(c)));
                }
            }
            o.add("scores", scores);
            o.add("notApplicable", na);
            JsonObject lacks = new JsonObject();
            r.limits().forEach(lacks::addProperty);
            o.add("cannot", lacks);
            out.add(o);
        }
        JsonObject root = new JsonObject();
        root.addProperty("format", "brainalign-leaderboard");
        root.addProperty("version", 2);
        root.addProperty("rule", Leaderboard.RULE);
        root.add("models", out);
        return json(root);
    }

    static String modelJson(ResultsStore s, ModelKey key) {
        JsonArray layers = new JsonArray();
        for (ResultsStore.LayerRow r : s.layerRows(key)) {
            JsonObject o = new JsonObject();
            o.addProperty("benchmark", r.benchmark());
            o.addProperty("layer", r.layer());
            o.add("raw", ScoreJson.num(r.raw()));
            o.add("ceiling", ScoreJson.num(r.ceiling()));
            o.add("normalized", ScoreJson.num(r.normalized()));
            o.add("ciLow", ScoreJson.num(r.ciLow()));
            o.add("ciHigh", ScoreJson.num(r.ciHigh()));
            layers.add(o);
        }
        JsonObject root = new JsonObject();
        root.addProperty("model", key.model());
        root.addProperty("checkpoint", key.checkpoint());
        root.add("layers", layers);
        return json(root);
    }

    private static String json(JsonObject o) {
        return new GsonBuilder().setPrettyPrinting().serializeNulls().create().toJson(o);
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    static final String SORT_SCRIPT = """
            <script>
            document.querySelectorAll('table.board').forEach(table => [...table.tHead.rows[table.tHead.rows.length - 1].cells]
                .forEach((th, col) => th.addEventListener('click', () => {
              const body = table.tBodies[0];
              const asc = th.dataset.asc !== 'true'; th.dataset.asc = asc;
              const num = th.dataset.type === 'num';
              const key = r => { const t = r.cells[col].textContent.trim();
                return num ? (t === '' || t === 'n/a' ? -Infinity : parseFloat(t)) : t; };
              [...body.rows].sort((a, b) => (key(a) > key(b) ? 1 : key(a) < key(b) ? -1 : 0) * (asc ? 1 : -1))
                .forEach(r => body.appendChild(r));
            })));
            // ?sort=<column index> sorts the main table on load (bookmarkable; used by the browser test).
            const sortColumn = new URLSearchParams(location.search).get('sort');
            const main = document.getElementById('leaderboard');
            if (sortColumn !== null && main) { main.tHead.rows[main.tHead.rows.length - 1].cells[+sortColumn]?.click(); }
            </script>""";
}
