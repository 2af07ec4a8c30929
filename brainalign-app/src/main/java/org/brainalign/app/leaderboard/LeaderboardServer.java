package org.brainalign.app.leaderboard;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.brainalign.app.plot.Xml;
import org.brainalign.app.store.ResultsStore;

/**
 * The web leaderboard over a results store (Javalin, bound to 127.0.0.1 unless told otherwise):
 * {@code /} the ranked table with sortable columns and the brain-score vs next-word-perplexity
 * scatter; {@code /model/<id>} a model's charts, one per benchmark, each with its value table;
 * {@code /compare?m=<id>&m=<id>…} models side by side with paired bootstrap p-values;
 * {@code /api/leaderboard.json}, {@code /api/leaderboard.csv} and {@code /api/model/<id>.json} for
 * downloads. A model id must be one the store holds — anything else (including path tricks) is a
 * 404 page. Only GET and HEAD are answered. The store is read afresh on every request.
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
                ctx.header("X-Content-Type-Options", "nosniff"); // every answer is what its Content-Type says, never sniffed
                String method = ctx.req().getMethod();
                if (!method.equals("GET") && !method.equals("HEAD")) {
                    ctx.header("Allow", "GET, HEAD");
                    throw new io.javalin.http.HttpResponseException(405, "only GET and HEAD are answered, not " + method);
                }
            });
            config.routes.get("/", this::index);
            config.routes.get("/api/leaderboard.json", ctx -> read(s -> ctx.contentType("application/json").result(Pages.leaderboardJson(s))));
            config.routes.get("/api/leaderboard.csv", ctx -> read(s -> ctx.contentType("text/csv; charset=utf-8")
                    .header("Content-Disposition", "attachment; filename=\"leaderboard.csv\"").result(Leaderboard.csv(Leaderboard.rankBsl(s)))));
            config.routes.get("/model/{id}", this::model);
            config.routes.get("/api/model/{id}", this::modelJson);
            config.routes.get("/compare", this::compare);
            config.routes.error(404, "html", ctx -> ctx.html(Pages.page("Not found", "<p>No such page or model.</p>", false)));
        });
        app.start(host, port);
    }

    /**
     * Starts a server on {@code host:port} (port 0: any free port). A port another process holds is
     * refused first, with one line naming it, so the web server never starts and logs its own failure.
     */
    public static LeaderboardServer start(Path store, String host, int port) {
        if (port != 0) {
            requireFree(host, port);
        }
        return new LeaderboardServer(store, host, port);
    }

    private static void requireFree(String host, int port) {
        try (java.net.ServerSocket probe = new java.net.ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new java.net.InetSocketAddress(host, port));
        } catch (java.net.BindException e) {
            throw new IllegalArgumentException("port " + port + " on " + host + " is already in use (another server?); choose "
                    + "another with --port <n>, or --port 0 for any free port");
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("cannot listen on " + host + ":" + port + " (" + e.getMessage() + ")");
        }
    }

    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
    }

    private void read(java.util.function.Consumer<ResultsStore> action) {
        try (ResultsStore s = ResultsStore.open(store)) {
            action.accept(s);
        }
    }

    private void index(Context ctx) {
        read(s -> ctx.html(Pages.page("brainalign leaderboard", Pages.index(s, false) + Pages.SORT_SCRIPT, false)));
    }

    private static Optional<ResultsStore.ModelKey> find(ResultsStore s, String id) {
        return s.models().stream().filter(m -> m.model().equals(id)).findFirst();
    }

    private static void notFound(Context ctx, String id) {
        ctx.status(404).html(Pages.page("Not found", "<p>No model " + Xml.escape(id) + " in the results store.</p>", false));
    }

    private void model(Context ctx) {
        String id = ctx.pathParam("id");
        read(s -> find(s, id).ifPresentOrElse(key -> ctx.html(Pages.page(id, "<p>checkpoint " + Xml.escape(key.checkpoint())
                + " · <a href='/api/model/" + Xml.escape(Pages.pathSegment(id))
                + ".json'>JSON</a></p>" + Pages.model(s, key), false)), () -> notFound(ctx, id)));
    }

    private void modelJson(Context ctx) {
        String id = ctx.pathParam("id");
        if (!id.endsWith(".json")) {
            ctx.status(404).html(Pages.page("Not found", "<p>Model downloads end in .json.</p>", false));
            return;
        }
        String name = id.substring(0, id.length() - 5);
        read(s -> find(s, name).ifPresentOrElse(key -> ctx.contentType("application/json").result(Pages.modelJson(s, key)),
                () -> notFound(ctx, name)));
    }

    private void compare(Context ctx) {
        List<String> ids = ctx.queryParams("m");
        read(s -> {
            List<ResultsStore.ModelKey> keys = new ArrayList<>();
            for (String id : ids) {
                Optional<ResultsStore.ModelKey> key = find(s, id);
                if (key.isEmpty()) {
                    notFound(ctx, id);
                    return;
                }
                if (!keys.contains(key.get())) {
                    keys.add(key.get());
                }
            }
            if (keys.size() < 2) {
                ctx.status(400).html(Pages.page("Compare models", "<p>Tick at least two models on the <a href='/'>leaderboard</a> "
                        + "(or give ?m=&lt;model&gt;&amp;m=&lt;model&gt;).</p>", false));
                return;
            }
            String title = String.join(" vs ", keys.stream().map(ResultsStore.ModelKey::model).toList());
            ctx.html(Pages.page(title, Pages.compare(s, keys), false));
        });
    }
}
