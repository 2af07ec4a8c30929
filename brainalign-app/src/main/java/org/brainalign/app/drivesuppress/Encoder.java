package org.brainalign.app.drivesuppress;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.brainalign.benchmarks.drivesuppress.Readout;
import org.brainalign.core.digest.Sha256;
import org.brainalign.core.linalg.DMatrix;
import org.brainalign.models.safetensors.SafetensorsFile;
import org.brainalign.models.safetensors.SafetensorsWriter;

/**
 * A saved drive/suppress encoding model: which model, checkpoint, layer and pooling give the
 * features, the ridge readout fitted on the baseline sentences, and what it was fitted on and how
 * well it did. On disk, a folder with {@code encoder.safetensors} (F64 {@code coef} [features,
 * targets], {@code intercept} [targets], {@code x_mean} [features]) and {@code encoder.json} (the
 * rest). An encoder only predicts for the model it was fitted with: {@link #requireModel} refuses
 * any other model id or checkpoint fingerprint.
 *
 * @param model the {@code --model} argument it was fitted with
 * @param modelId the results-store id of that model ({@code untrained:gpt2@0}, a directory's name)
 * @param checkpoint the model's checkpoint fingerprint ({@code generated} for generated weights)
 * @param layer the layer whose features it reads
 * @param pooling {@code last} or {@code mean}
 * @param targets the response columns it predicts
 * @param readout the fitted ridge readout
 * @param dataChecksum the baseline data's checksum
 * @param sentences how many baseline sentences it was fitted on
 * @param wordRange fewest and most words of those sentences
 * @param cvR per target, the 5-fold cross-validated r (mean over folds)
 * @param cvLo per target, the lower end of its 95 % bootstrap interval
 * @param cvHi per target, the upper end
 * @param baselinePredicted mean and SD of the encoder's predictions for its own training sentences (target 0)
 * @param baselineMeasured mean and SD of the measured responses of those sentences (target 0)
 * @param baselinePredictions the encoder's prediction (target 0) for each of its training sentences
 */
public record Encoder(String model, String modelId, String checkpoint, String layer, String pooling, List<String> targets,
        Readout readout, String dataChecksum, int sentences, int[] wordRange, double[] cvR, double[] cvLo, double[] cvHi,
        double[] baselinePredicted, double[] baselineMeasured, double[] baselinePredictions) {

    static final String WEIGHTS = "encoder.safetensors";
    static final String META = "encoder.json";
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().create();

    public Encoder {
        targets = List.copyOf(targets);
    }

    /** The JSON part (everything but the readout's arrays). */
    private record Meta(String format, String model, String modelId, String checkpoint, String layer, String pooling,
            List<String> targets, double[] alphas, String featureCentring, String dataChecksum, int sentences, int[] wordRange,
            double[] cvR, double[] cvLo, double[] cvHi, double[] baselinePredicted, double[] baselineMeasured) {}

    private static final String FORMAT = "brainalign drive-suppress encoder 1";

    /** Writes the folder (created if needed). */
    public void save(Path dir) {
        try {
            Files.createDirectories(dir);
            Readout r = readout;
            new SafetensorsWriter()
                    .add("coef", new long[] {r.features(), r.targets()}, rowMajor(r.coef()))
                    .add("intercept", new long[] {r.targets()}, r.intercept())
                    .add("x_mean", new long[] {r.features()}, r.xMean())
                    .add("baseline_predicted", new long[] {baselinePredictions.length}, baselinePredictions)
                    .metadata("format", FORMAT)
                    .write(dir.resolve(WEIGHTS));
            Meta m = new Meta(FORMAT, model, modelId, checkpoint, layer, pooling, targets, r.alphas(),
                    "the ridge centres features by the training means (x_mean); the intercept absorbs them, so raw features go in",
                    dataChecksum, sentences, wordRange, cvR, cvLo, cvHi, baselinePredicted, baselineMeasured);
            Path tmp = dir.resolve(META + ".tmp");
            Files.writeString(tmp, GSON.toJson(m) + "\n");
            Files.move(tmp, dir.resolve(META), java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the encoder to " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Reads a folder written by {@link #save}; a missing, foreign or inconsistent file is an error naming it. */
    public static Encoder load(Path dir) {
        Path json = dir.resolve(META);
        Path weights = dir.resolve(WEIGHTS);
        for (Path p : List.of(json, weights)) {
            if (!Files.isRegularFile(p)) {
                throw new IllegalArgumentException("--encoder " + dir + ": " + p.getFileName() + " is missing; expected a folder "
                        + "written by 'brainalign drive-suppress fit'");
            }
        }
        Meta m;
        try {
            m = GSON.fromJson(Files.readString(json), Meta.class);
        } catch (IOException | JsonParseException e) {
            throw new IllegalArgumentException(json + ": not a readable encoder description (" + e.getMessage() + ")", e);
        }
        if (m == null || !FORMAT.equals(m.format()) || m.targets() == null || m.alphas() == null || m.layer() == null) {
            throw new IllegalArgumentException(json + ": expected \"format\": \"" + FORMAT + "\" with targets, alphas and layer");
        }
        try (SafetensorsFile f = SafetensorsFile.open(weights)) {
            double[] coef = f.doubles("coef");
            double[] intercept = f.doubles("intercept");
            double[] xMean = f.doubles("x_mean");
            double[] predictions = f.doubles("baseline_predicted");
            int t = m.targets().size();
            if (intercept.length != t || coef.length != (long) xMean.length * t || m.alphas().length != t) {
                throw new IllegalArgumentException(weights + ": coef has " + coef.length + " values, intercept " + intercept.length
                        + ", x_mean " + xMean.length + "; expected [" + xMean.length + ", " + t + "], [" + t + "] for " + t
                        + " targets in " + json.getFileName());
            }
            DMatrix c = DMatrix.zeros(xMean.length, t);
            for (int j = 0; j < xMean.length; j++) {
                for (int k = 0; k < t; k++) {
                    c.set(j, k, coef[j * t + k]);
                }
            }
            Readout readout = new Readout(xMean, c, intercept, m.alphas());
            return new Encoder(m.model(), m.modelId(), m.checkpoint(), m.layer(), m.pooling(), m.targets(), readout, m.dataChecksum(),
                    m.sentences(), m.wordRange(), m.cvR(), m.cvLo(), m.cvHi(), m.baselinePredicted(), m.baselineMeasured(), predictions);
        } catch (org.brainalign.models.ModelFormatException e) {
            throw new IllegalArgumentException(weights + ": " + e.getMessage(), e);
        }
    }

    /** Refuses a model other than the one this encoder was fitted with, naming both. */
    public void requireModel(String id, String fingerprint) {
        if (!modelId.equals(id) || !checkpoint.equals(fingerprint)) {
            throw new IllegalArgumentException("this encoder was fitted with model " + modelId + " (checkpoint " + checkpoint
                    + "), not with " + id + " (checkpoint " + fingerprint + "); its readout is meaningless on another model's "
                    + "features — fit an encoder for " + id + " with 'brainalign drive-suppress fit'");
        }
    }

    /** SHA-256 over both files: what a search's checkpoint is tied to. */
    public static String checksum(Path dir) {
        try {
            byte[] a = Files.readAllBytes(dir.resolve(WEIGHTS));
            byte[] b = Files.readAllBytes(dir.resolve(META));
            return Sha256.hex((Sha256.hex(a) + Sha256.hex(b)).getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the encoder in " + dir, e);
        }
    }

    /** z of a prediction relative to the baseline sentences' predictions. */
    public double z(double predicted) {
        return (predicted - baselinePredicted[0]) / baselinePredicted[1];
    }

    private static double[] rowMajor(DMatrix m) {
        double[] out = new double[m.rows() * m.cols()];
        for (int i = 0; i < m.rows(); i++) {
            for (int j = 0; j < m.cols(); j++) {
                out[i * m.cols() + j] = m.get(i, j);
            }
        }
        return out;
    }

    /** For the JSON of results: the summary fields. */
    public JsonObject summary() {
        JsonObject o = new JsonObject();
        o.addProperty("model", modelId);
        o.addProperty("checkpoint", checkpoint);
        o.addProperty("layer", layer);
        o.addProperty("pooling", pooling);
        o.addProperty("target", targets.getFirst());
        o.addProperty("alpha", readout.alphas()[0]);
        o.addProperty("cv_r", cvR[0]);
        return o;
    }
}
