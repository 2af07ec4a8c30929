package org.brainalign.app.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.brainalign.core.score.Bootstrap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code brainalign compare}: is model A better than model B on a benchmark? Reads two
 * {@code score --full} JSON files, takes one layer from each (the best by normalised score unless
 * named) and runs the paired bootstrap over neuroids (same splits, same neuroids): difference of
 * raw scores, its 95 % interval and the two-sided p-value.
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Paired bootstrap comparison of two models' scores on the same benchmark (JSON from score --full).")
public final class CompareCommand implements Callable<Integer> {
    @Option(names = "--a", required = true, paramLabel = "<results.json>", description = "Scores of model A (score --full).")
    Path a;

    @Option(names = "--b", required = true, paramLabel = "<results.json>", description = "Scores of model B (score --full).")
    Path b;

    @Option(names = "--benchmark", required = true, description = "Benchmark identifier present in both files.")
    String benchmark;

    @Option(names = "--layer-a", description = "Layer of model A (default: its best layer).")
    String layerA;

    @Option(names = "--layer-b", description = "Layer of model B (default: its best layer).")
    String layerB;

    @Option(names = "--seed", defaultValue = "0", description = "Bootstrap seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        JsonObject sa = find(a, benchmark);
        JsonObject sb = find(b, benchmark);
        JsonObject la = layer(a, sa, layerA);
        JsonObject lb = layer(b, sb, layerB);
        double[][] ma = matrix(a, la);
        double[][] mb = matrix(b, lb);
        Bootstrap.Comparison c = Bootstrap.compare(ma, mb, seed);
        out.printf("%s: %s %s vs %s %s%n", benchmark, sa.get("model").getAsString(), la.get("layer").getAsString(),
                sb.get("model").getAsString(), lb.get("layer").getAsString());
        out.printf("raw difference A - B = %.4f, 95%% CI [%.4f, %.4f], paired bootstrap p = %.4f (%d resamples)%n",
                c.difference(), c.interval().lower(), c.interval().upper(), c.pValue(), Bootstrap.RESAMPLES);
        return 0;
    }

    private static JsonObject find(Path file, String benchmark) throws IOException {
        JsonObject root;
        try {
            root = org.brainalign.core.json.StrictJson.parse(file.toString(), Files.readString(file)).getAsJsonObject();
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(file + ": not a JSON object (" + e.getMessage() + ")");
        }
        if (!root.has("format") || !"brainalign-scores".equals(root.get("format").getAsString())) {
            throw new IllegalArgumentException(file + ": expected \"format\": \"brainalign-scores\"");
        }
        for (JsonElement e : root.getAsJsonArray("scores")) {
            if (e.getAsJsonObject().get("benchmark").getAsString().equals(benchmark)) {
                return e.getAsJsonObject();
            }
        }
        throw new IllegalArgumentException(file + ": has no scores for benchmark '" + benchmark + "'");
    }

    private static JsonObject layer(Path file, JsonObject score, String name) {
        JsonObject best = null;
        for (JsonElement e : score.getAsJsonArray("layers")) {
            JsonObject l = e.getAsJsonObject();
            if (name != null) {
                if (l.get("layer").getAsString().equals(name)) {
                    return l;
                }
            } else if (!l.get("normalized").isJsonNull()
                    && (best == null || l.get("normalized").getAsDouble() > best.get("normalized").getAsDouble())) {
                best = l;
            }
        }
        if (best == null) {
            throw new IllegalArgumentException(file + ": " + (name == null ? "no scored layer" : "no layer '" + name + "'"));
        }
        return best;
    }

    private static double[][] matrix(Path file, JsonObject layer) {
        if (!layer.has("splitByNeuroid")) {
            throw new IllegalArgumentException(file + ": layer " + layer.get("layer").getAsString()
                    + " has no split x neuroid matrix; write the scores with 'score --full'");
        }
        JsonArray rows = layer.getAsJsonArray("splitByNeuroid");
        double[][] m = new double[rows.size()][];
        for (int s = 0; s < m.length; s++) {
            JsonArray row = rows.get(s).getAsJsonArray();
            m[s] = new double[row.size()];
            for (int j = 0; j < m[s].length; j++) {
                m[s][j] = row.get(j).isJsonNull() ? Double.NaN : row.get(j).getAsDouble();
            }
        }
        return m;
    }
}
