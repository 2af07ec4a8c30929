package org.brainalign.benchmarks.data;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.brainalign.core.assembly.Assembly;
import org.brainalign.core.assembly.Coordinate;
import org.brainalign.core.linalg.DMatrix;

/**
 * Reads brainalign's plain assembly format, for data that is not in BSL's NetCDF: a directory with
 * <ul>
 *   <li>{@code values.npy} (2-D, presentations × neuroids, float64/float32) or {@code values.csv}
 *       (one line per presentation, comma-separated numbers, {@code NaN} allowed, no header);</li>
 *   <li>{@code coords.json}: {@code {"format": "brainalign-assembly", "version": 1,
 *       "presentation": {"stimulus_id": [...], "stimulus": [...], ...}, "neuroid": {"neuroid_id": [...],
 *       "subject": [...], ...}}} — each coordinate an array of strings or numbers, one per row
 *       (presentation) or column (neuroid).</li>
 * </ul>
 */
public final class PlainAssemblyReader {
    private PlainAssemblyReader() {}

    public static boolean present(Path dir) {
        return Files.isRegularFile(dir.resolve("coords.json"))
                && (Files.isRegularFile(dir.resolve("values.npy")) || Files.isRegularFile(dir.resolve("values.csv")));
    }

    public static Assembly read(Path dir) {
        Path coordsFile = dir.resolve("coords.json");
        DMatrix values = Files.isRegularFile(dir.resolve("values.npy")) ? NpyReader.read(dir.resolve("values.npy"))
                : readCsv(dir.resolve("values.csv"));
        JsonObject root;
        try {
            root = org.brainalign.core.json.StrictJson.parse(coordsFile.toString(), Files.readString(coordsFile)).getAsJsonObject();
        } catch (IllegalArgumentException e) {
            throw new DataMissingException(e.getMessage(), e);
        } catch (IOException | IllegalStateException e) {
            throw new DataMissingException(coordsFile + ": not a readable JSON object (" + e.getMessage() + ")", e);
        }
        if (!root.has("format") || !"brainalign-assembly".equals(root.get("format").getAsString())
                || !root.has("version") || root.get("version").getAsInt() != 1) {
            throw new DataMissingException(coordsFile + ": expected \"format\": \"brainalign-assembly\" and \"version\": 1");
        }
        List<Coordinate> pres = coords(coordsFile, root, "presentation", values.rows());
        List<Coordinate> neur = coords(coordsFile, root, "neuroid", values.cols());
        return new Assembly(values, pres, neur);
    }

    private static List<Coordinate> coords(Path file, JsonObject root, String dim, int expected) {
        if (!root.has(dim) || !root.get(dim).isJsonObject()) {
            throw new DataMissingException(file + ": missing object '" + dim + "'");
        }
        List<Coordinate> out = new ArrayList<>();
        for (Map.Entry<String, JsonElement> e : root.getAsJsonObject(dim).entrySet()) {
            if (!e.getValue().isJsonArray()) {
                throw new DataMissingException(file + ": " + dim + "." + e.getKey() + " must be an array");
            }
            JsonArray a = e.getValue().getAsJsonArray();
            if (a.size() != expected) {
                throw new DataMissingException(file + ": " + dim + "." + e.getKey() + " has " + a.size() + " values, expected "
                        + expected + " (the " + dim + " size of the values matrix)");
            }
            // A numeric coordinate: numbers, with JSON null standing for NaN (as json.dumps cannot write NaN portably).
            boolean numeric = a.asList().stream().anyMatch(v -> v.isJsonPrimitive() && v.getAsJsonPrimitive().isNumber())
                    && a.asList().stream().allMatch(v -> v.isJsonNull() || v.isJsonPrimitive() && v.getAsJsonPrimitive().isNumber());
            if (numeric) {
                double[] v = new double[a.size()];
                for (int i = 0; i < v.length; i++) {
                    v[i] = a.get(i).isJsonNull() ? Double.NaN : a.get(i).getAsDouble();
                }
                out.add(new Coordinate.Numbers(e.getKey(), v));
            } else {
                String[] v = new String[a.size()];
                for (int i = 0; i < v.length; i++) {
                    if (a.get(i).isJsonNull()) {
                        throw new DataMissingException(file + ": " + dim + "." + e.getKey() + "[" + i + "] is null");
                    }
                    v[i] = a.get(i).getAsString();
                }
                out.add(new Coordinate.Text(e.getKey(), v));
            }
        }
        return out;
    }

    private static DMatrix readCsv(Path file) {
        List<double[]> rows = new ArrayList<>();
        try {
            int lineNo = 0;
            for (String line : Files.readAllLines(file)) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                String[] cells = line.split(",", -1);
                double[] r = new double[cells.length];
                for (int j = 0; j < cells.length; j++) {
                    try {
                        r[j] = Double.parseDouble(cells[j].trim());
                    } catch (NumberFormatException ex) {
                        throw new DataMissingException(file + " line " + lineNo + " column " + (j + 1) + ": expected a number, found '"
                                + cells[j] + "'");
                    }
                }
                if (!rows.isEmpty() && r.length != rows.getFirst().length) {
                    throw new DataMissingException(file + " line " + lineNo + ": " + r.length + " values, expected " + rows.getFirst().length);
                }
                rows.add(r);
            }
        } catch (IOException e) {
            throw new DataMissingException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (rows.isEmpty()) {
            throw new DataMissingException(file + ": no values");
        }
        return DMatrix.ofRows(rows.toArray(double[][]::new));
    }
}
