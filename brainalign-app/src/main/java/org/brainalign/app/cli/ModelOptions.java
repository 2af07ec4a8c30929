package org.brainalign.app.cli;

import java.nio.file.Path;
import java.util.Optional;
import org.brainalign.models.ModelLoader;
import picocli.CommandLine.Option;

/** The options every command that loads a model shares. */
public final class ModelOptions {

    @Option(names = "--model", required = true, paramLabel = "<dir|untrained:preset[@seed]|untrained:dir[@seed]|baseline>",
            description = "A HuggingFace model directory, or untrained:<preset> (gpt2, gpt2-medium, gpt2-large, gpt2-xl, "
                    + "distilgpt2, bert-base-uncased, roberta-base, pythia-160m, smollm-135m, tinyllama-1.1b), or untrained:<dir> (that "
                    + "directory's architecture and tokenizer with fresh weights), or a baseline: "
                    + "randomembedding-<dims> (BSL: 100, 1600), oasm[:<sigma>], suma[-<width>x<heads>][@seed] (no seed: the mean of "
                    + "the paper's 5 seeds; default 4096x512).")
    String model;

    @Option(names = "--tokenizer", paramLabel = "<dir>",
            description = "Directory with tokenizer.json (or vocab.json + merges.txt) to use instead of the model's.")
    Path tokenizer;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of untrained weights (default ${DEFAULT-VALUE}).")
    long seed;

    Optional<Path> tokenizerDir() {
        return Optional.ofNullable(tokenizer);
    }

    ModelLoader.Options loaderOptions() {
        return new ModelLoader.Options(Optional.ofNullable(tokenizer), seed);
    }
}
