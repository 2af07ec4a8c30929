package org.brainalign.app.cli;

import org.brainalign.models.registry.ModelRegistry;
import org.brainalign.models.registry.OpenedModel;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.brainalign.benchmarks.localizer.LanguageMask;
import org.brainalign.app.plot.Figure;
import org.brainalign.app.plot.TValueChart;
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

    @Option(names = "--png", defaultValue = "language-mask.png", description = "Figure of the t-values: PNG, or SVG when the name ends in .svg (default ${DEFAULT-VALUE}).")
    Path png;

    @Option(names = "--no-cache", description = "Recompute even when a cached mask with the same key exists.")
    boolean noCache;

    @Mixin
    ProgressOptions progressOptions;

    @Spec
    CommandSpec spec;

    /** The t-values as a figure with a title, axes, colour key and per-layer table; PNG, or SVG when --png ends in .svg. */
    private void writeFigure(LanguageMask mask, TopK k, String model) throws java.io.IOException {
        TValueChart chart = new TValueChart("Language localizer: " + model + ", top-" + k + " units",
                mask.layers().stream().map(LanguageMask.Layer::name).toList(), mask.layers().stream().map(LanguageMask.Layer::t).toList(),
                mask.layers().stream().map(LanguageMask.Layer::selected).toList());
        Figure figure = new Figure("Functional localizer (" + stimuli + ")", java.util.List.of("Welch t of sentences > non-words per "
                + "unit; " + mask.selectedCount() + " units selected across " + mask.layers().size()
                        + " layers (black marks); red: more active for sentences, blue: for non-words."), java.util.List.of(chart), 1);
        Path parent = png.toAbsolutePath().getParent();
        if (parent != null) {
            java.nio.file.Files.createDirectories(parent);
        }
        if (png.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".svg")) {
            java.nio.file.Files.writeString(png, figure.svg());
        } else {
            figure.png(png);
        }
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        TopK k = TopK.parse(topK);
        try (OpenedModel model = ModelRegistry.open(modelOptions.model, modelOptions.request(layers, context.contextWindow()))) {
            LanguageMask mask = LocalizerRun.obtain(model, stimuli, k, !noCache, progressOptions.show(), spec.commandLine().getErr());
            out.printf("language mask of %s: top-%s units by Welch t (sentences > non-words), %s stimuli%n",
                    modelOptions.model, k, stimuli);
            LocalizerRun.printCounts(mask, out);
            writeFigure(mask, k, model.id());
            out.println("wrote " + png + " (one band per layer, top to bottom as listed; colour = Welch t, black marks = selected)");
        }
        return 0;
    }
}
