package org.brainalign.app.cli;

import ai.djl.ndarray.NDManager;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.brainalign.core.subject.LayerActivations;
import org.brainalign.core.subject.Modality;
import org.brainalign.core.subject.Region;
import org.brainalign.core.subject.SubjectOutput;
import org.brainalign.models.LoadedModel;
import org.brainalign.models.registry.ModelRegistry;
import org.brainalign.models.subject.TransformerSubject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code brainalign activations}: presents a text word by word (each word with the earlier words
 * as context) and prints, per layer, the activation shape and each word's activation norm.
 */
@Command(name = "activations", mixinStandardHelpOptions = true,
        description = "Print per-word, per-layer activation shapes and norms for a text.")
public final class ActivationsCommand implements Callable<Integer> {

    @Mixin
    ModelOptions modelOptions;

    @Option(names = "--layers", defaultValue = "all", paramLabel = "<all|name,...>",
            description = "Layers to record: 'all' or comma-separated HuggingFace module names (default ${DEFAULT-VALUE}).")
    String layers;

    @Option(names = "--text", required = true, description = "The text; its whitespace-separated words are the parts.")
    String text;

    @Mixin
    ContextOptions context;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        List<String> words = Arrays.stream(text.trim().split("\\s+")).filter(w -> !w.isEmpty()).toList();
        if (words.isEmpty()) {
            throw new IllegalArgumentException("--text is empty; give at least one word");
        }
        int bad = text.indexOf('\uFFFD');
        if (bad >= 0) {
            // The JVM turns bytes that are not valid in the system's encoding (UTF-8) into U+FFFD: the model would
            // read a replacement character, not the user's word.
            throw new IllegalArgumentException("--text has bytes that are not UTF-8 (at character " + (bad + 1) + ", shown as "
                    + "U+FFFD); pass the text in UTF-8");
        }
        PrintWriter out = spec.commandLine().getOut();
        try (NDManager manager = NDManager.newBaseManager();
             LoadedModel model = ModelRegistry.openTransformer(modelOptions.model, modelOptions.request("all", null), manager)) {
            List<String> chosen = layers.equals("all") ? model.network().layerNames()
                    : Arrays.stream(layers.split(",")).map(String::trim).toList();
            TransformerSubject subject = new TransformerSubject(model, manager, context.contextWindow(), chosen);
            subject.startNeuralRecording(Region.LANGUAGE_SYSTEM, Modality.FMRI);
            SubjectOutput output = subject.digestText(words);
            out.printf("model %s (%s, %,d parameters; weights: %s)%n", model.id(),
                    model.network().config().family().modelType(), model.network().parameterCount(), model.weights());
            out.printf("%d words; each word's representation is its last token's hidden state%n%n", words.size());
            int width = Math.max(8, chosen.stream().mapToInt(String::length).max().orElse(8));
            StringBuilder header = new StringBuilder(String.format("%-" + width + "s  %-12s", "layer", "shape"));
            for (String w : words) {
                header.append(String.format("  %10s", abbreviate(w)));
            }
            out.println(header);
            for (LayerActivations a : output.layers()) {
                StringBuilder row = new StringBuilder(String.format("%-" + width + "s  %-12s", a.layer(),
                        a.parts() + " x " + a.units()));
                for (int p = 0; p < a.parts(); p++) {
                    row.append(String.format("  %10.4f", a.rowNorm(p)));
                }
                out.println(row);
            }
            out.println();
            out.println("(columns: L2 norm of each word's activation vector)");
        }
        return 0;
    }

    private static String abbreviate(String word) {
        return word.length() <= 10 ? word : word.substring(0, 9) + "…";
    }
}
