package org.brainalign.app.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.brainalign.app.Main;
import org.brainalign.models.config.Family;
import org.brainalign.models.nn.ParamSpec;
import org.brainalign.models.nn.TransformerModel;
import org.brainalign.models.untrained.Preset;
import org.brainalign.models.untrained.Presets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code brainalign models}: every form {@code --model} takes (from the model registry), every
 * family brainalign loads with its presets, and every untrained preset with its size, so that a user
 * never has to guess a name.
 */
@Command(name = "models", mixinStandardHelpOptions = true, description = "List the forms --model takes and the untrained presets.")
public final class ModelsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.print(Main.modelForms().stripLeading());
        out.printf("%nFamilies (config.json model_type) and their untrained presets:%n");
        for (Family f : Family.values()) {
            java.util.List<String> presets = Presets.all().values().stream().filter(p -> p.config().family() == f)
                    .map(Preset::name).toList();
            out.printf("  %-10s %-8s %s%n", f.modelType(), f.causal() ? "decoder" : "encoder",
                    presets.isEmpty() ? "(no preset; untrained:<dir> gives any checkpoint's untrained twin)" : String.join(", ", presets));
        }
        out.printf("%nUntrained presets (untrained:<preset>[@seed]):%n");
        for (Preset p : Presets.all().values()) {
            long params = TransformerModel.parameterSpecs(p.config()).stream().mapToLong(ParamSpec::elementCount).sum();
            out.printf(java.util.Locale.ROOT, "  %-22s %s, %d layers, hidden %d, %.2f B parameters (architecture of %s)%n", p.name(),
                    p.config().family().modelType(), p.config().numLayers(), p.config().hiddenSize(), params / 1e9, p.hubRepo());
        }
        return 0;
    }
}
