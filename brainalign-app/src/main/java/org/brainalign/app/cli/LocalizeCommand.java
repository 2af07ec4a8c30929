package org.brainalign.app.cli;

import org.brainalign.models.registry.ModelRegistry;
import org.brainalign.models.registry.OpenedModel;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.brainalign.benchmarks.localizer.LanguageMask;
import org.brainalign.benchmarks.localizer.TValuePlot;
import org.brainalign.benchmarks.localizer.TopK;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code brainalign localize}: finds a model's language-selective units with the Fedorenko 2010
 * localizer (Welch t, sentences > non-words, global top-k across the chosen layers), prints the
 * per-layer counts, writes a PNG of the t-values and caches the mask.
 */
@Command(name = "localize", mixinStandardHelpOptions = true,
        description = "Find language-selective units (functional localizer) and plot their t-values.")
public final class LocalizeCommand implements Callable<Integer> {
    @Mixin
    ModelOptions modelOptions;

    @Mixin
    ContextOptions context;

    @Option(names = "--layers", defaultValue = "all", paramLabel = "<all|name,...>",
            description = "Candidate layers (default ${DEFAULT-VALUE}).")
    String layers;

    @Option(names = "--stimuli", defaultValue = "fedorenko2010", description = "Localizer stimuli (default ${DEFAULT-VALUE}).")
    String stimuli;

    @Option(names = "--top-k", required = true, paramLabel = "<count|fraction>",
            description = "Units to keep across all layers: a count (4096) or a fraction (0.1).")
    String topK;

    @Option(names = "--png", defaultValue = "language-mask.png", description = "PNG of the t-values (default ${DEFAULT-VALUE}).")
    Path png;

    @Option(names = "--no-cache", description = "Recompute even when a cached mask with the same key exists.")
    boolean noCache;

    @Mixin
    ProgressOptions progressOptions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        TopK k = TopK.parse(topK);
        try (OpenedModel model = ModelRegistry.open(modelOptions.model, modelOptions.request(layers, context.contextWindow()))) {
            LanguageMask mask = LocalizerRun.obtain(model, stimuli, k, !noCache, progressOptions.show(), spec.commandLine().getErr());
            out.printf("language mask of %s: top-%s units by Welch t (sentences > non-words), %s stimuli%n",
                    modelOptions.model, k, stimuli);
            LocalizerRun.printCounts(mask, out);
            TValuePlot.write(mask, png);
            out.println("wrote " + png + " (one band per layer, top to bottom as listed; red = t > 0, black marks = selected)");
        }
        return 0;
    }
}
