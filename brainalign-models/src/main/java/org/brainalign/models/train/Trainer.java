package org.brainalign.models.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.pytorch.jni.JniUtils;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.brainalign.models.config.Gpt2Config;
import org.brainalign.models.nn.ParamSpec;
import org.brainalign.models.nn.WeightSource;
import org.brainalign.models.safetensors.SafetensorsFile;
import org.brainalign.models.safetensors.SafetensorsWriter;
import org.brainalign.models.tokenizer.BpeTrainer;
import org.brainalign.models.tokenizer.TextTokenizer;
import org.brainalign.models.tokenizer.Tokenizers;
import org.brainalign.models.untrained.UntrainedWeights;
import org.brainalign.core.digest.Sha256;

/**
 * Trains a GPT-2 on one text file into a HuggingFace model directory, resumably.
 *
 * <p>Each step draws its batch from {@code (seed, step)}, runs the model under a gradient
 * collector, adds the TopoLM spatial loss when asked, clips the global gradient norm, applies
 * AdamW at the scheduled learning rate and zeroes the gradients; every step's tensors live in the
 * step's own child manager. Every {@code checkpointEvery} steps (and at the end) the weights,
 * optimizer moments and step count go atomically into {@code training/checkpoint.safetensors} and
 * the HuggingFace files are refreshed, so a killed run resumes from its last checkpoint and
 * reproduces the uninterrupted run's batches, neighbourhoods and schedule.
 *
 * <p>Output directory: {@code config.json}, {@code model.safetensors}, the tokenizer files,
 * {@code topo_positions.safetensors}, and {@code training/} with {@code run.json} (options, text
 * checksum), {@code log.csv} (per-step loss, validation loss and perplexity) and the checkpoint.
 */
public final class Trainer {

    /** Sub-directory of the run's own files. */
    public static final String TRAINING = "training";
    /** Per-step log inside {@link #TRAINING}. */
    public static final String LOG = "log.csv";

    private static final String CHECKPOINT = "checkpoint.safetensors";
    private static final String RUN = "run.json";
    private static final String LOG_HEADER = "step,lr,train_loss,spatial_loss,grad_norm,val_loss,val_perplexity,tokens_per_s,"
            + "elapsed_s";

    /** Where the tokenizer comes from: copied from a directory, or trained on the text. */
    public sealed interface TokenizerSource {
        /** Copy {@code tokenizer.json} and/or {@code vocab.json} + {@code merges.txt} from {@code dir}. */
        record Directory(Path dir) implements TokenizerSource {
        }

        /** Train a byte-level BPE with {@code vocabulary} ids on the text. */
        record TrainBpe(int vocabulary) implements TokenizerSource {
        }
    }

    /** One finished step, or the initial validation (step 0, NaN training fields). */
    public record StepLog(int step, double lr, double loss, double spatialLoss, double gradNorm, double valLoss,
                          double tokensPerSecond, double elapsedSeconds) {

        /** Validation perplexity, exp(validation loss), or NaN when the step was not validated. */
        public double valPerplexity() {
            return Math.exp(valLoss);
        }
    }

    /** Receives progress: every step, and every checkpoint written. */
    public interface Listener {
        void step(StepLog log, int steps);

        default void checkpoint(Path out, int stepsDone) {
        }
    }

    /** How a run ended: steps done, the last validation loss and total training time. */
    public record Result(Path out, int steps, double validationLoss, double elapsedSeconds, boolean resumed) {
        public double validationPerplexity() {
            return Math.exp(validationLoss);
        }
    }

    private final TrainOptions options;
    private final Path text;
    private final TokenizerSource tokenizerSource;
    private final Path out;

    public Trainer(TrainOptions options, Path text, TokenizerSource tokenizerSource, Path out) {
        this.options = options;
        this.text = text;
        this.tokenizerSource = tokenizerSource;
        this.out = out;
    }

    /**
     * Runs (or, with {@code resume}, continues) the training. A directory that already holds a run
     * is only continued with {@code resume} and the same options and text.
     */
    public Result run(NDManager parent, boolean resume, Listener listener) throws IOException {
        if (!Files.isRegularFile(text)) {
            throw new IllegalArgumentException("--text " + text + ": no such file");
        }
        String corpusText = Files.readString(text, StandardCharsets.UTF_8);
        if (corpusText.isBlank()) {
            throw new IllegalArgumentException("--text " + text + " is empty");
        }
        String textHash = Sha256.hex(corpusText.getBytes(StandardCharsets.UTF_8));
        Path training = out.resolve(TRAINING);
        Path checkpointFile = training.resolve(CHECKPOINT);
        boolean existing = Files.isRegularFile(training.resolve(RUN));
        if (existing && !resume) {
            throw new IllegalArgumentException(out + " already holds a training run; pass --resume to continue it or choose"
                    + " another --out");
        }
        if (!existing) {
            if (Files.isDirectory(out)) {
                try (var entries = Files.list(out)) {
                    if (entries.findAny().isPresent()) {
                        throw new IllegalArgumentException("--out " + out + " exists and is not empty; choose a new directory");
                    }
                }
            }
            Files.createDirectories(training);
            prepareTokenizer(corpusText);
            JsonObject run = new JsonObject();
            run.addProperty("format", 1);
            run.add("options", options.toJson());
            run.addProperty("text_file", text.getFileName().toString());
            run.addProperty("text_sha256", textHash);
            HfExport.writeAtomically(training.resolve(RUN),
                    new GsonBuilder().setPrettyPrinting().create().toJson(run).getBytes(StandardCharsets.UTF_8));
            Files.writeString(training.resolve(LOG), LOG_HEADER + "\n", StandardCharsets.UTF_8);
        } else {
            checkSameRun(training.resolve(RUN), textHash);
        }

        try (TextTokenizer tokenizer = Tokenizers.fromDirectory(out)) {
            long[] tokens = tokenizer.encode(corpusText).ids();
            TokenCorpus corpus = new TokenCorpus(tokens, options.validationFraction(), options.context());
            Gpt2Config config = Gpt2Config.of(options.layers(), options.width(), options.heads(), tokenizer.vocabularySize(),
                    options.context());
            int stepsDone = 0;
            double elapsedBefore = 0;
            Map<String, float[]> state = null;
            WeightSource weights = new UntrainedWeights(options.seed());
            if (Files.isRegularFile(checkpointFile)) {
                try (SafetensorsFile f = SafetensorsFile.open(checkpointFile)) {
                    stepsDone = Integer.parseInt(f.metadata().getOrDefault("steps_done", "0"));
                    elapsedBefore = Double.parseDouble(f.metadata().getOrDefault("elapsed_s", "0"));
                    state = new LinkedHashMap<>();
                    for (String key : f.keys()) {
                        state.put(key, f.floats(key));
                    }
                }
                weights = new MapWeights(state, checkpointFile.toString());
            }
            truncateLog(training.resolve(LOG), stepsDone);
            try (NDManager runManager = parent.newSubManager();
                 TrainableGpt2 model = TrainableGpt2.create(config, weights, runManager, DataType.FLOAT32);
                 AdamW adam = new AdamW(model.parameters(), options.adam(), runManager)) {
                if (state != null) {
                    adam.restore(state, stepsDone);
                }
                List<UnitGrid> grids = unitGrids(model);
                if (stepsDone == 0 && !grids.isEmpty()) {
                    HfExport.writePositions(out, model.spatialNames(), grids, Map.of("spatial_loss", options.topo() ? "on" : "off",
                            "seed", Long.toString(options.seed())));
                }
                SpatialLoss spatial = options.topo()
                        ? new SpatialLoss(grids, options.topoRadius(), options.topoNeighbourhoods(), options.topoAlpha())
                        : null;
                return loop(runManager, model, adam, spatial, corpus, stepsDone, elapsedBefore, listener);
            }
        }
    }

    private Result loop(NDManager runManager, TrainableGpt2 model, AdamW adam, SpatialLoss spatial, TokenCorpus corpus,
                        int stepsDone, double elapsedBefore, Listener listener) throws IOException {
        Path log = out.resolve(TRAINING).resolve(LOG);
        LrSchedule schedule = options.schedule();
        long started = System.nanoTime();
        double valLoss = Double.NaN;
        try (BufferedWriter writer = Files.newBufferedWriter(log, StandardCharsets.UTF_8, StandardOpenOption.APPEND)) {
            if (stepsDone == 0) {
                valLoss = validate(runManager, model, corpus);
                StepLog initial = new StepLog(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, valLoss, Double.NaN, 0);
                write(writer, initial);
                listener.step(initial, options.steps());
            }
            long windowStart = System.nanoTime();
            for (int step = stepsDone; step < options.steps(); step++) {
                double lr = schedule.at(step);
                OptimizationStep.Result losses;
                try (NDManager scope = runManager.newSubManager()) {
                    losses = OptimizationStep.run(scope, model, adam, spatial, corpus.trainBatch(options.seed(), step,
                            options.batch(), options.context()), spatialRandom(options.seed(), step), lr, options.clip());
                } catch (IllegalStateException e) {
                    throw new IllegalStateException("training diverged at step " + (step + 1) + ": " + e.getMessage()
                            + "; lower --lr or raise --warmup, then resume from the last checkpoint", e);
                }
                int done = step + 1;
                if (!Double.isFinite(losses.loss())) {
                    throw new IllegalStateException("training diverged at step " + done + ": loss " + losses.loss()
                            + "; lower --lr or raise --warmup, then resume from the last checkpoint");
                }
                boolean evaluate = done % options.evalEvery() == 0 || done == options.steps();
                double stepVal = evaluate ? validate(runManager, model, corpus) : Double.NaN;
                if (evaluate) {
                    valLoss = stepVal;
                }
                long now = System.nanoTime();
                double tokensPerSecond = (double) options.batch() * options.context() / ((now - windowStart) / 1e9);
                windowStart = now;
                double elapsed = elapsedBefore + (now - started) / 1e9;
                StepLog entry = new StepLog(done, lr, losses.loss(), losses.spatialLoss(), losses.gradientNorm(), stepVal,
                        tokensPerSecond, elapsed);
                write(writer, entry);
                writer.flush(); // the log can be followed while the run goes on
                listener.step(entry, options.steps());
                if (done % options.checkpointEvery() == 0 || done == options.steps()) {
                    checkpoint(model, adam, done, elapsed);
                    listener.checkpoint(out, done);
                }
            }
        }
        if (Double.isNaN(valLoss)) {
            valLoss = validate(runManager, model, corpus);
        }
        return new Result(out, options.steps(), valLoss, elapsedBefore + (System.nanoTime() - started) / 1e9,
                stepsDone > 0);
    }

    /** The neighbourhood stream of step {@code step}, independent of every other step's. */
    static SplittableRandom spatialRandom(long seed, int step) {
        return new SplittableRandom((seed ^ 0x70B0_1A11L) * 0xBF58476D1CE4E5B9L + step);
    }

    /** Mean next-token loss over the validation windows. */
    private double validate(NDManager runManager, TrainableGpt2 model, TokenCorpus corpus) {
        int windows = Math.min(options.evalWindows(), corpus.validationWindows(options.context()));
        JniUtils.setGradMode(false); // no autograd graph for evaluation
        double sum = 0;
        for (int first = 0; first < windows; first += options.batch()) {
            int count = Math.min(options.batch(), windows - first);
            try (NDManager scope = runManager.newSubManager()) {
                TokenCorpus.Batch b = corpus.validationBatch(first, count, options.context());
                NDArray logits = model.forward(scope, b.inputs()).logits();
                sum += TrainableGpt2.crossEntropy(scope, logits, b.targets()).getFloat() * count;
            }
        }
        return sum / windows;
    }

    private List<UnitGrid> unitGrids(TrainableGpt2 model) {
        if (!UnitGrid.fits(options.width())) {
            return List.of(); // a non-square control model has no grid
        }
        return UnitGrid.layout(options.width(), options.seed(), model.spatialNames().size());
    }

    private void checkpoint(TrainableGpt2 model, AdamW adam, int done, double elapsed) throws IOException {
        SafetensorsWriter w = new SafetensorsWriter();
        model.hfTensors().forEach((k, v) -> w.add(k, model.hfShape(k), v));
        adam.state().forEach((k, v) -> w.add(k, model.parameters().get(k.substring(2)).getShape().getShape(), v));
        w.metadata("steps_done", Integer.toString(done));
        w.metadata("elapsed_s", Double.toString(elapsed));
        w.write(out.resolve(TRAINING).resolve(CHECKPOINT));
        HfExport.write(out, model, Map.of("steps", Integer.toString(done), "spatial_loss", options.topo() ? "on" : "off"));
    }

    private void prepareTokenizer(String corpusText) throws IOException {
        switch (tokenizerSource) {
            case TokenizerSource.Directory d -> {
                if (!Tokenizers.present(d.dir())) {
                    throw new IllegalArgumentException("--tokenizer " + d.dir() + ": no tokenizer.json or vocab.json + merges.txt");
                }
                for (String name : List.of("tokenizer.json", "vocab.json", "merges.txt", "tokenizer_config.json",
                        "special_tokens_map.json")) {
                    if (Files.isRegularFile(d.dir().resolve(name))) {
                        Files.copy(d.dir().resolve(name), out.resolve(name), StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
            case TokenizerSource.TrainBpe t -> BpeTrainer.train(corpusText, t.vocabulary()).write(out);
        }
    }

    private void checkSameRun(Path runFile, String textHash) throws IOException {
        JsonObject run;
        try {
            run = org.brainalign.core.json.StrictJson.parse(runFile.toString(), Files.readString(runFile)).getAsJsonObject();
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(runFile + ": not a readable run description (" + e.getMessage() + ")", e);
        }
        JsonObject saved = run.getAsJsonObject("options");
        JsonObject now = options.toJson();
        List<String> differences = new ArrayList<>();
        for (String key : now.keySet()) {
            JsonElement before = saved == null ? null : saved.get(key);
            if (before == null || !before.equals(now.get(key))) {
                differences.add(key + " was " + before + ", now " + now.get(key));
            }
        }
        if (!differences.isEmpty()) {
            throw new IllegalArgumentException("--resume " + out + ": the options differ from the saved run (" + runFile + "): "
                    + String.join("; ", differences));
        }
        if (!textHash.equals(run.has("text_sha256") ? run.get("text_sha256").getAsString() : null)) {
            throw new IllegalArgumentException("--resume " + out + ": --text " + text + " is not the text the run started on"
                    + " (sha256 differs from " + runFile + ")");
        }
    }

    /** Drops log rows past the checkpoint, which the resumed run recomputes. */
    private static void truncateLog(Path log, int stepsDone) throws IOException {
        List<String> kept = new ArrayList<>();
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            if (kept.isEmpty()) {
                kept.add(line);
                continue;
            }
            int comma = line.indexOf(',');
            if (stepsDone > 0 && comma > 0 && Integer.parseInt(line.substring(0, comma)) <= stepsDone) {
                kept.add(line);
            }
        }
        Files.writeString(log, String.join("\n", kept) + "\n", StandardCharsets.UTF_8);
    }

    private static void write(BufferedWriter writer, StepLog s) throws IOException {
        writer.write(String.format(Locale.ROOT, "%d,%s,%s,%s,%s,%s,%s,%s,%.1f%n", s.step(), num(s.lr()), num(s.loss()),
                num(s.spatialLoss()), num(s.gradNorm()), num(s.valLoss()), num(s.valPerplexity()), num(s.tokensPerSecond()),
                s.elapsedSeconds()));
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.6g", v);
    }

    /** Weights from a checkpoint already read into memory (HuggingFace layout). */
    private record MapWeights(Map<String, float[]> tensors, String describe) implements WeightSource {
        @Override
        public void expect(List<ParamSpec> specs) {
            for (ParamSpec spec : specs) {
                float[] v = tensors.get(spec.name());
                if (v == null || v.length != spec.elementCount()) {
                    throw new IllegalArgumentException(describe + ": tensor '" + spec.name() + "' is missing or has "
                            + (v == null ? 0 : v.length) + " values; expected " + spec.elementCount() + " (the checkpoint does not"
                            + " match the run's options)");
                }
            }
        }

        @Override
        public float[] load(ParamSpec spec) {
            return tensors.get(spec.name());
        }
    }
}
