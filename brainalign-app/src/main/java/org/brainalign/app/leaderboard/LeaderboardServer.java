package org.brainalign.app.leaderboard;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.brainalign.app.report.ScoreJson;
import org.brainalign.app.store.ResultsStore;

/**
 * The web leaderboard over a results store (Javalin, bound to 127.0.0.1 unless told otherwise):
 * {@code /} the ranked table with sortable columns and the brain-score vs next-word-perplexity
 * scatter; {@code /model/<id>} a model's layer-wise score curves with 95 % bands, one per
 * benchmark; {@code /api/leaderboard.json}, {@code /api/leaderboard.csv} and
 * {@code /api/model/<id>.json} for downloads. A model id must be one the store holds — anything
 * else (including path tricks) is a 404 page. The store is read afresh on every request.
 */
public final class LeaderboardServer implements AutoCloseable {
    private final Javalin app;
    private final Path store;

    private LeaderboardServer(Path store, String host, int port) {
        this.store = store;
        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            // A read-only site: every method but GET and HEAD is refused before any handler runs.
            config.routes.before(ctx -> {
                String method = ctx.req().getMethod();
                if (!method.equals("GET") && !method.equals("HEAD")) {
                    ctx.header("Allow", "GET, HEAD");
                    throw new io.javalin.http.HttpResponseException(405, "only GET and HEAD are answered, not " + method);
                }
            });
            config.routes.get("/", this::index);
            config.routes.get("/api/leaderboard.json", ctx -> ctx.contentType("application/json").result(leaderboardJson()));
            config.routes.get("/api/leaderboard.csv", ctx -> ctx.contentType("text/csv").result(leaderboardCsv()));
            config.routes.get("/model/{id}", this::model);
            config.routes.get("/api/model/{id}", this::modelJson);
            config.routes.error(404, "html", ctx -> ctx.html(page("Not found", "<p>No such page or model.</p>")));
        });
        app.start(host, port);
    }

    /** Starts a server on {@code host:port} (port 0: any free port). */
    public static LeaderboardServer start(Path store, String host, int port) {
        return new LeaderboardServer(store, host, port);
    }

    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
    }

    private void index(Context ctx) {
        try (ResultsStore s = ResultsStore.open(store)) {
            ctx.html(page("brainalign leaderboard", indexBody(s, "/model/") + SORT_SCRIPT));
        }
    }

    /** The ranked table, the download links and the scatter; model links start with {@code modelLinkPrefix}. */
    static String indexBody(ResultsStore s, String modelLinkPrefix) {
        StringBuilder body = new StringBuilder();
        List<Leaderboard.Row> rows = Leaderboard.rankBsl(s);
        body.append("<table id='leaderboard'><thead><tr><th data-type='num'>rank</th><th>model</th>");
        for (String c : Leaderboard.COLUMNS) {
            body.append("<th data-type='num'>").append(Html.escape(c)).append("</th>");
        }
        body.append("</tr></thead><tbody>");
        int rank = 0;
        List<String> names = new ArrayList<>();
        double[] ppl = new double[rows.size()];
        double[] avg = new double[rows.size()];
        for (Leaderboard.Row r : rows) {
            String name = r.model().model();
            body.append("<tr><td>").append(++rank).append("</td><td><a href='").append(modelLinkPrefix)
                    .append(Html.escape(anchor(modelLinkPrefix, name))).append("'>")
                    .append(Html.escape(name)).append("</a></td>");
            for (String c : Leaderboard.COLUMNS) {
                double v = r.score(c);
                body.append("<td>").append(Double.isNaN(v) ? "" : String.format("%.4f", v)).append("</td>");
            }
            body.append("</tr>");
            names.add(name);
            ppl[rank - 1] = s.perplexity(r.model());
            avg[rank - 1] = r.score("average_language");
        }
        body.append("</tbody></table>");
        body.append("<p><a href='/api/leaderboard.json'>JSON</a> · <a href='/api/leaderboard.csv'>CSV</a></p>");
        body.append("<h2>Brain score vs next-word perplexity</h2><div id='scatter'>");
        boolean anyPoint = false;
        for (int i = 0; i < ppl.length; i++) {
            anyPoint |= ppl[i] > 0 && Double.isFinite(ppl[i]) && Double.isFinite(avg[i]);
        }
        if (anyPoint) {
            body.append(Svg.scatterLogX("average_language vs word perplexity", "word perplexity (next-word benchmark)",
                    "average_language", ppl, avg, names));
        } else {
            // An empty frame says nothing; say what is missing and how to get it.
            body.append("<p class='empty'>No model in this store has both a next-word perplexity and an average_language "
                    + "score yet: run <code>brainalign score --benchmark Wikitext-accuracy</code> (or "
                    + "<code>nextword:&lt;file&gt;</code>) for the models you want placed here.</p>");
        }
        body.append("</div>");
        return body.toString();
    }

    private static String anchor(String prefix, String name) {
        return prefix.startsWith("#") ? name.replaceAll("[^A-Za-z0-9_.-]", "_") : URLEncoder.encode(name, StandardCharsets.UTF_8);
    }

    private Optional<ResultsStore.ModelKey> find(ResultsStore s, String id) {
        return s.models().stream().filter(m -> m.model().equals(id)).findFirst();
    }

    private void model(Context ctx) {
        String id = ctx.pathParam("id");
        try (ResultsStore s = ResultsStore.open(store)) {
            Optional<ResultsStore.ModelKey> key = find(s, id);
            if (key.isEmpty()) {
                ctx.status(404).html(page("Not found", "<p>No model " + Html.escape(id) + " in the results store.</p>"));
                return;
            }
            String links = "<p>checkpoint " + Html.escape(key.get().checkpoint()) + " · <a href='/api/model/"
                    + Html.escape(URLEncoder.encode(id, StandardCharsets.UTF_8)) + ".json'>JSON</a></p>";
            ctx.html(page(id, links + modelBody(s, key.get())));
        }
    }

    /** One model's layer-wise curves, one per benchmark. */
    static String modelBody(ResultsStore s, ResultsStore.ModelKey key) {
        Map<String, List<ResultsStore.LayerRow>> byBenchmark = new LinkedHashMap<>();
        for (ResultsStore.LayerRow r : s.layerRows(key)) {
            byBenchmark.computeIfAbsent(r.benchmark(), k -> new ArrayList<>()).add(r);
        }
        StringBuilder body = new StringBuilder();
        for (var e : byBenchmark.entrySet()) {
            List<ResultsStore.LayerRow> rows = e.getValue();
            List<String> labels = rows.stream().map(ResultsStore.LayerRow::layer).toList();
            double[] y = rows.stream().mapToDouble(ResultsStore.LayerRow::normalized).toArray();
            double[] lo = rows.stream().mapToDouble(ResultsStore.LayerRow::ciLow).toArray();
            double[] hi = rows.stream().mapToDouble(ResultsStore.LayerRow::ciHigh).toArray();
            body.append("<h2>").append(Html.escape(e.getKey())).append("</h2><div class='plot'>")
                    .append(Svg.curve(e.getKey() + " per layer (normalised, 95% CI)", labels, y, lo, hi)).append("</div>");
        }
        return body.toString();
    }

    private void modelJson(Context ctx) {
        String id = ctx.pathParam("id");
        if (!id.endsWith(".json")) {
            ctx.status(404).html(page("Not found", "<p>Model downloads end in .json.</p>"));
            return;
        }
        id = id.substring(0, id.length() - 5);
        try (ResultsStore s = ResultsStore.open(store)) {
            Optional<ResultsStore.ModelKey> key = find(s, id);
            if (key.isEmpty()) {
                ctx.status(404).html(page("Not found", "<p>No model " + Html.escape(id) + " in the results store.</p>"));
                return;
            }
            JsonArray layers = new JsonArray();
            for (ResultsStore.LayerRow r : s.layerRows(key.get())) {
                JsonObject o = new JsonObject();
                o.addProperty("benchmark", r.benchmark());
                o.addProperty("layer", r.layer());
                o.add("raw", ScoreJson.num(r.raw()));
                o.add("normalized", ScoreJson.num(r.normalized()));
                o.add("ciLow", ScoreJson.num(r.ciLow()));
                o.add("ciHigh", ScoreJson.num(r.ciHigh()));
                layers.add(o);
            }
            JsonObject root = new JsonObject();
            root.addProperty("model", id);
            root.addProperty("checkpoint", key.get().checkpoint());
            root.add("layers", layers);
            ctx.contentType("application/json").result(json(root));
        }
    }

    private String leaderboardJson() {
        try (ResultsStore s = ResultsStore.open(store)) {
            JsonArray out = new JsonArray();
            int rank = 0;
            for (Leaderboard.Row r : Leaderboard.rankBsl(s)) {
                JsonObject o = new JsonObject();
                o.addProperty("rank", ++rank);
                o.addProperty("model", r.model().model());
                o.addProperty("checkpoint", r.model().checkpoint());
                JsonObject scores = new JsonObject();
                for (String c : Leaderboard.COLUMNS) {
                    scores.add(c, ScoreJson.num(r.score(c)));
                }
                o.add("scores", scores);
                out.add(o);
            }
            JsonObject root = new JsonObject();
            root.addProperty("format", "brainalign-leaderboard");
            root.addProperty("version", 1);
            root.add("models", out);
            return json(root);
        }
    }

    private String leaderboardCsv() {
        try (ResultsStore s = ResultsStore.open(store)) {
            return Leaderboard.csv(Leaderboard.rankBsl(s));
        }
    }

    private static String json(JsonObject o) {
        return new GsonBuilder().setPrettyPrinting().serializeNulls().create().toJson(o);
    }

    static String page(String title, String body) {
        return "<!doctype html><html><head><meta charset='utf-8'><title>" + Html.escape(title) + "</title><style>"
                + "body{font-family:sans-serif;margin:2em} table{border-collapse:collapse} th,td{border:1px solid #ccc;"
                + "padding:3px 6px;font-size:13px} th{cursor:pointer;background:#f4f4f4}</style></head><body><h1>"
                + Html.escape(title) + "</h1><p><a href='/'>leaderboard</a></p>" + body + "</body></html>";
    }

    static final String SORT_SCRIPT = """
            <script>
            document.querySelectorAll('#leaderboard th').forEach((th, col) => th.addEventListener('click', () => {
              const body = th.closest('table').tBodies[0];
              const asc = th.dataset.asc !== 'true'; th.dataset.asc = asc;
              const num = th.dataset.type === 'num';
              const key = r => { const t = r.cells[col].textContent; return num ? (t === '' ? -Infinity : parseFloat(t)) : t; };
              [...body.rows].sort((a, b) => (key(a) > key(b) ? 1 : key(a) < key(b) ? -1 : 0) * (asc ? 1 : -1))
                .forEach(r => body.appendChild(r));
            }));
            // ?sort=<column index> sorts on load (bookmarkable; used by the browser test).
            const sortColumn = new URLSearchParams(location.search).get('sort');
            if (sortColumn !== null) { document.querySelectorAll('#leaderboard th')[+sortColumn]?.click(); }
            </script>""";
}
