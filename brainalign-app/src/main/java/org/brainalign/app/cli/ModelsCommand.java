package org.brainalign.app.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.brainalign.app.Main;
import org.brainalign.models.untrained.Preset;
import org.brainalign.models.untrained.Presets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code brainalign models}: every form {@code --model} takes (from the model registry) and every
 * untrained preset with its size, so that a user never has to guess a name.
 */
@Command(name = "models", mixinStandardHelpOptions = true, description = "List the forms --model takes and the untrained presets.")
public final class ModelsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.print(Main.modelForms().stripLeading());
        out.printf("%nUntrained presets (untrained:<preset>[@seed]):%n");
        for (Preset p : Presets.all().values()) {
            out.printf("  %-22s %s, %d layers, hidden %d (architecture of %s)%n", p.name(), p.config().family().modelType(),
                    p.config().numLayers(), p.config().hiddenSize(), p.hubRepo());
        }
        return 0;
    }
}
