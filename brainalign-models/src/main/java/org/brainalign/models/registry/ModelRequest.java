package org.brainalign.models.registry;

import java.nio.file.Path;
import java.util.Optional;
import org.brainalign.models.ModelLoader;
import org.brainalign.models.subject.ContextWindow;

/**
 * How to open what {@code --model} names: a tokenizer to use instead of the model's, the seed of
 * generated weights when the name has no {@code @seed}, the layers to record ({@code all} or
 * comma-separated HuggingFace names) and the context window of causal models.
 */
public record ModelRequest(Optional<Path> tokenizerDir, long seed, String layers, ContextWindow window) {
    public ModelRequest {
        tokenizerDir = tokenizerDir == null ? Optional.empty() : tokenizerDir;
        layers = layers == null || layers.isBlank() ? "all" : layers;
        window = window == null ? new ContextWindow(0, 0) : window;
    }

    /** The model's own tokenizer, seed 0, every layer, the model's full window. */
    public static ModelRequest defaults() {
        return new ModelRequest(Optional.empty(), 0, "all", new ContextWindow(0, 0));
    }

    /** The loader's part of the request. */
    public ModelLoader.Options loaderOptions() {
        return new ModelLoader.Options(tokenizerDir, seed);
    }
}
