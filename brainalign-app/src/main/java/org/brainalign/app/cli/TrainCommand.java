package org.brainalign.app.cli;

import ai.djl.ndarray.NDManager;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.brainalign.app.train.TrainingPlot;
import org.brainalign.models.train.AdamW;
import org.brainalign.models.train.TrainOptions;
import org.brainalign.models.train.Trainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code brainalign train}: trains a GPT-2-style LM (optionally topographic, TopoLM) on a local
 * text into a HuggingFace model directory that every other command loads; prints a progress bar
 * and a summary, and keeps {@code training/log.csv} and {@code training/loss.png} up to date.
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a GPT-2-style language model on a local text (next-token loss, AdamW, warm-up + cosine,"
                + " gradient clipping), optionally with TopoLM's spatial loss (--topo).",
                "The output directory is a HuggingFace model (config.json, model.safetensors, tokenizer files) plus"
                        + " topo_positions.safetensors and training/ (run.json, log.csv, loss.png, checkpoint).",
                "An interrupted run continues from its last checkpoint with --resume."})
public final class TrainCommand implements Callable<Integer> {

    @Option(names = "--arch", defaultValue = "gpt2", description = "Architecture; only gpt2 is trainable (default: ${DEFAULT-VALUE}).")
    String arch;
    @Option(names = "--layers", defaultValue = "4", description = "Transformer blocks (default: ${DEFAULT-VALUE}).")
    int layers;
    @Option(names = "--width", defaultValue = "256", description = "Hidden size; a square number with --topo (default: ${DEFAULT-VALUE}).")
    int width;
    @Option(names = "--heads", defaultValue = "8", description = "Attention heads (default: ${DEFAULT-VALUE}).")
    int heads;
    @Option(names = "--context", defaultValue = "128", description = "Tokens per training window, also n_positions (default: ${DEFAULT-VALUE}).")
    int context;
    @Option(names = "--text", required = true, description = "UTF-8 training text; the last --val-fraction of its tokens is held out.")
    Path text;
    @Option(names = "--out", required = true, description = "Output model directory (new, or an earlier run's with --resume).")
    Path out;
    @Option(names = "--steps", required = true, description = "Optimisation steps.")
    int steps;
    @Option(names = "--seed", defaultValue = "0", description = "Seed of weights, batches, unit positions and neighbourhoods (default: ${DEFAULT-VALUE}).")
    long seed;
    @Option(names = "--batch", defaultValue = "16", description = "Windows per step (default: ${DEFAULT-VALUE}).")
    int batch;
    @Option(names = "--lr", defaultValue = "1e-3", description = "Peak learning rate (default: ${DEFAULT-VALUE}).")
    double lr;
    @Option(names = "--min-lr", defaultValue = "1e-4", description = "Final learning rate of the cosine decay (default: ${DEFAULT-VALUE}).")
    double minLr;
    @Option(names = "--warmup", defaultValue = "100", description = "Linear warm-up steps (default: ${DEFAULT-VALUE}).")
    int warmup;
    @Option(names = "--weight-decay", defaultValue = "0.1", description = "AdamW decoupled weight decay on matrices (default: ${DEFAULT-VALUE}).")
    double weightDecay;
    @Option(names = "--beta2", defaultValue = "0.95", description = "AdamW beta2 (beta1 is 0.9; default: ${DEFAULT-VALUE}).")
    double beta2;
    @Option(names = "--clip", defaultValue = "1.0", description = "Global gradient-norm limit, 0 for none (default: ${DEFAULT-VALUE}).")
    double clip;
    @Option(names = "--tokenizer", description = "Copy the tokenizer from this directory (e.g. the GPT-2 tokenizer) instead of training one.")
    Path tokenizer;
    @Option(names = "--bpe-vocab", defaultValue = "2048", description = "Ids of the byte-level BPE trained on --text when no --tokenizer is given (default: ${DEFAULT-VALUE}).")
    int bpeVocab;
    @Option(names = "--topo", description = "Add TopoLM's spatial smoothness loss.")
    boolean topo;
    @Option(names = "--topo-alpha", defaultValue = "2.5", description = "Weight of the summed spatial layer losses (TopoLM: 2.5; default: ${DEFAULT-VALUE}).")
    double topoAlpha;
    @Option(names = "--topo-radius", defaultValue = "5", description = "Neighbourhood Chebyshev radius (TopoLM: 5; default: ${DEFAULT-VALUE}).")
    int topoRadius;
    @Option(names = "--topo-neighbourhoods", defaultValue = "5", description = "Neighbourhoods per layer and step (TopoLM: 5; default: ${DEFAULT-VALUE}).")
    int topoNeighbourhoods;
    @Option(names = "--val-fraction", defaultValue = "0.1", description = "Share of tokens held out for validation (default: ${DEFAULT-VALUE}).")
    double valFraction;
    @Option(names = "--eval-every", defaultValue = "100", description = "Steps between validation passes (default: ${DEFAULT-VALUE}).")
    int evalEvery;
    @Option(names = "--eval-windows", defaultValue = "64", description = "Validation windows per pass (default: ${DEFAULT-VALUE}).")
    int evalWindows;
    @Option(names = "--checkpoint-every", defaultValue = "100", description = "Steps between checkpoints (default: ${DEFAULT-VALUE}).")
    int checkpointEvery;
    @Option(names = "--resume", description = "Continue the run already in --out from its last checkpoint.")
    boolean resume;
    @Mixin
    ProgressOptions progressOptions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        java.io.PrintWriter stdout = spec.commandLine().getOut();
        if (!arch.equals("gpt2")) {
            throw new IllegalArgumentException("--arch " + arch + ": only gpt2 can be trained");
        }
        TrainOptions options = new TrainOptions(layers, width, heads, context, batch, steps, seed, lr, minLr, warmup,
                new AdamW.Settings(0.9, beta2, 1e-8, weightDecay), clip, topo, topoAlpha, topoRadius, topoNeighbourhoods,
                valFraction, evalEvery, evalWindows, checkpointEvery);
        Trainer.TokenizerSource source = tokenizer != null ? new Trainer.TokenizerSource.Directory(tokenizer)
                : new Trainer.TokenizerSource.TrainBpe(bpeVocab);
        Path log = out.resolve(Trainer.TRAINING).resolve(Trainer.LOG);
        Path png = out.resolve(Trainer.TRAINING).resolve("loss.png");
        String title = (topo ? "TopoLM " : "GPT-2 ") + layers + "×" + width + " seed " + seed;
        ProgressBar[] bar = new ProgressBar[1];
        Trainer.Listener listener = new Trainer.Listener() {
            @Override
            public void step(Trainer.StepLog s, int total) {
                if (!progressOptions.show() || !ConsoleProgress.stderrIsTerminal()) {
                    return; // no redraws into a file or pipe: the training log and plot carry the losses
                }
                if (bar[0] == null) {
                    bar[0] = new ProgressBarBuilder().setTaskName("train").setInitialMax(total).setStyle(ProgressBarStyle.ASCII)
                            .setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(new PrintStream(System.err, true)))
                            .setUpdateIntervalMillis(500).build();
                }
                bar[0].stepTo(s.step());
                bar[0].setExtraMessage(String.format(Locale.ROOT, "loss %.3f%s", s.loss(),
                        Double.isNaN(s.valLoss()) ? "" : String.format(Locale.ROOT, " val %.3f", s.valLoss())));
            }

            @Override
            public void checkpoint(Path dir, int done) {
                try {
                    TrainingPlot.write(log, png, title);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException("cannot write " + png, e);
                }
            }
        };
        Trainer.Result result;
        try (NDManager manager = NDManager.newBaseManager()) {
            result = new Trainer(options, text, source, out).run(manager, resume, listener);
        } finally {
            if (bar[0] != null) {
                bar[0].close();
            }
        }
        TrainingPlot.write(log, png, title);
        stdout.printf(Locale.ROOT, "trained %s: %d steps%s, validation loss %.4f (perplexity %.2f per token), %.0f s%n",
                out, result.steps(), result.resumed() ? " (resumed)" : "", result.validationLoss(),
                result.validationPerplexity(), result.elapsedSeconds());
        stdout.println("log " + log + ", plot " + png);
        stdout.flush();
        return 0;
    }
}
