package org.brainalign.app.report;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.brainalign.core.metric.Stats;
import org.brainalign.core.score.Interval;
import org.brainalign.core.score.LayerScore;
import org.brainalign.core.score.Score;

/**
 * Writes scores as JSON ({@code "format": "brainalign-scores", "version": 1}): per benchmark the
 * headline numbers, the ceiling and its source, seeds, data checksums, context and split policy, and
 * per layer raw / normalised / unclipped scores, intervals and the per-split values (median over
 * neuroids) and side measures. With {@code full}, each layer also carries its split × neuroid matrix.
 * A NaN or infinite number is written as {@code null}, number by number.
 */
public final class ScoreJson {
    private ScoreJson() {}

    public static void write(Path file, List<Score> scores, Map<String, String> run, boolean full) throws IOException {
        write(file, scores, Map.of(), run, full);
    }

    /**
     * Writes {@code scores} and, under {@code "notRun"}, each asked-for benchmark that could not run
     * on the model with the reason in words (benchmark id to reason, in the order asked).
     */
    public static void write(Path file, List<Score> scores, Map<String, String> notRun, Map<String, String> run, boolean full)
            throws IOException {
        JsonObject root = new JsonObject();
        root.addProperty("format", "brainalign-scores");
        root.addProperty("version", 1);
        root.addProperty("written", Instant.now().toString());
        JsonObject runInfo = new JsonObject();
        run.forEach(runInfo::addProperty);
        root.add("run", runInfo);
        JsonArray list = new JsonArray();
        for (Score s : scores) {
            list.add(toJson(s, full));
        }
        root.add("scores", list);
        JsonArray skipped = new JsonArray();
        notRun.forEach((benchmark, reason) -> {
            JsonObject o = new JsonObject();
            o.addProperty("benchmark", benchmark);
            o.addProperty("reason", reason);
            skipped.add(o);
        });
        root.add("notRun", skipped);
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, new GsonBuilder().setPrettyPrinting().serializeNulls().create().toJson(root));
    }

    static JsonObject toJson(Score s, boolean full) {
        JsonObject o = new JsonObject();
        o.addProperty("benchmark", s.benchmarkId());
        o.addProperty("benchmarkVersion", s.benchmarkVersion());
        o.addProperty("model", s.modelId());
        o.addProperty("data", s.simulated() ? "SIMULATED" : "real");
        o.add("raw", num(s.raw()));
        o.add("normalized", num(s.normalized()));
        o.addProperty("normalizedIs", "mean over layers (the leaderboard ranks bestLayer)");
        LayerScore best = s.bestLayer();
        if (best != null) {
            JsonObject b = new JsonObject();
            b.addProperty("layer", best.layer());
            b.add("raw", num(best.raw()));
            b.add("normalized", num(best.normalized()));
            b.add("ciLow", num(best.normalizedInterval().lower()));
            b.add("ciHigh", num(best.normalizedInterval().upper()));
            o.add("bestLayer", b);
        }
        o.add("unclipped", num(s.unclipped()));
        JsonObject c = new JsonObject();
        c.add("value", num(s.ceiling().value()));
        c.add("lower", num(s.ceiling().lower()));
        c.add("upper", num(s.ceiling().upper()));
        c.addProperty("source", s.ceiling().source());
        o.add("ceiling", c);
        o.addProperty("contextPolicy", s.contextPolicy());
        o.addProperty("splitPolicy", s.splitPolicy());
        JsonObject seeds = new JsonObject();
        s.seeds().forEach(seeds::addProperty);
        o.add("seeds", seeds);
        JsonObject sums = new JsonObject();
        s.dataChecksums().forEach(sums::addProperty);
        o.add("dataChecksums", sums);
        JsonArray layers = new JsonArray();
        for (LayerScore l : s.layers()) {
            JsonObject lo = new JsonObject();
            lo.addProperty("layer", l.layer());
            lo.add("raw", num(l.raw()));
            lo.add("normalized", num(l.normalized()));
            lo.add("unclipped", num(l.unclipped()));
            lo.add("rawInterval", interval(l.rawInterval()));
            lo.add("normalizedInterval", interval(l.normalizedInterval()));
            if (!l.note().isEmpty()) {
                lo.addProperty("note", l.note());
            }
            if (!l.measures().isEmpty()) {
                JsonObject measures = new JsonObject();
                l.measures().forEach((k, v) -> measures.add(k, num(v)));
                lo.add("measures", measures);
            }
            double[][] m = l.splitByNeuroid();
            JsonArray perSplit = new JsonArray();
            for (double[] split : m) {
                perSplit.add(num(Stats.nanMedian(split)));
            }
            lo.add("perSplit", perSplit);
            if (full) {
                JsonArray matrix = new JsonArray();
                for (double[] split : m) {
                    JsonArray row = new JsonArray();
                    for (double v : split) {
                        row.add(num(v));
                    }
                    matrix.add(row);
                }
                lo.add("splitByNeuroid", matrix);
            }
            layers.add(lo);
        }
        o.add("layers", layers);
        return o;
    }

    private static JsonArray interval(Interval i) {
        JsonArray a = new JsonArray();
        a.add(num(i.lower()));
        a.add(num(i.upper()));
        return a;
    }

    /** A number, or JSON {@code null} for NaN and ±Infinity (which JSON cannot hold). */
    public static JsonElement num(double v) {
        return Double.isFinite(v) ? new JsonPrimitive(v) : JsonNull.INSTANCE;
    }
}
