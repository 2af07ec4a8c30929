package org.brainalign.app.cli;

import java.nio.file.Path;
import java.util.Optional;
import org.brainalign.models.registry.ModelRegistry;
import org.brainalign.models.registry.ModelRequest;
import org.brainalign.models.subject.ContextWindow;
import picocli.CommandLine.Option;

/**
 * The options every command that loads a model shares. What {@code --model} accepts is listed in
 * each command's help from {@link ModelRegistry} (see {@code Main}), never here.
 */
public final class ModelOptions {

    @Option(names = "--model", required = true, paramLabel = "<model>",
            description = "The model to load: one of the forms listed under 'Model forms' below.")
    String model;

    @Option(names = "--tokenizer", paramLabel = "<dir|tok.bin>",
            description = "Directory with tokenizer.json (or vocab.json + merges.txt) to use instead of the model's; "
                    + "for a llama2.c checkpoint, its tok*.bin file.")
    Path tokenizer;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of generated weights when the name has no @seed (default ${DEFAULT-VALUE}).")
    long seed;

    /** The request for {@link ModelRegistry}: these options plus the layers to record and the context window. */
    ModelRequest request(String layers, ContextWindow window) {
        return new ModelRequest(Optional.ofNullable(tokenizer), seed, layers, window);
    }
}
