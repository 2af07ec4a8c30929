package org.brainalign.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.brainalign.core.linalg.DMatrix;

/**
 * The numpy / scikit-learn / SciPy reference outputs ({@code reference/vectors/numpy-sklearn-scipy.json})
 * for exact-compatibility tests: {@code BRAINALIGN_REFERENCE}, else the build's default next to the
 * checkout. A missing file fails the test rather than skipping it.
 */
public final class ReferenceVectors {
    private static JsonObject root;

    private ReferenceVectors() {}

    public static synchronized JsonObject root() {
        if (root == null) {
            Path file = org.brainalign.core.testing.Shared.require(org.brainalign.core.testing.Shared.Part.REFERENCE,
                    "vectors/numpy-sklearn-scipy.json");
            try {
                root = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return root;
    }

    public static int[] ints(JsonElement e) {
        JsonArray a = e.getAsJsonArray();
        int[] out = new int[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).getAsInt();
        }
        return out;
    }

    public static double[] doubles(JsonElement e) {
        JsonArray a = e.getAsJsonArray();
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).getAsDouble();
        }
        return out;
    }

    public static DMatrix matrix(JsonElement e) {
        JsonArray a = e.getAsJsonArray();
        double[][] rows = new double[a.size()][];
        for (int i = 0; i < rows.length; i++) {
            JsonElement row = a.get(i);
            rows[i] = row.isJsonArray() ? doubles(row) : new double[] {row.getAsDouble()};
        }
        return DMatrix.ofRows(rows);
    }
}
