package org.brainalign.app.cli;

import ai.djl.ndarray.NDManager;
import java.util.Arrays;
import java.util.List;
import org.brainalign.models.LoadedModel;
import org.brainalign.models.ModelLoader;
import org.brainalign.models.subject.ContextWindow;
import org.brainalign.models.subject.TransformerSubject;

/**
 * A model opened for scoring from the command line: the native memory manager, the loaded weights
 * and the {@link TransformerSubject} that records the chosen layers. Close it to free native memory.
 */
final class ModelSubject implements AutoCloseable {
    private final NDManager manager;
    private final LoadedModel model;
    private final TransformerSubject subject;
    private final List<String> layers;

    private ModelSubject(NDManager manager, LoadedModel model, TransformerSubject subject, List<String> layers) {
        this.manager = manager;
        this.model = model;
        this.subject = subject;
        this.layers = layers;
    }

    /** Opens {@code options.model} recording {@code layers} ("all" or comma-separated names). */
    static ModelSubject open(ModelOptions options, String layers, ContextWindow window) {
        NDManager manager = NDManager.newBaseManager();
        try {
            LoadedModel model = ModelLoader.open(options.model, options.loaderOptions(), manager);
            List<String> chosen = layers.equals("all") ? model.network().layerNames()
                    : Arrays.stream(layers.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
            return new ModelSubject(manager, model, new TransformerSubject(model, manager, window, chosen), chosen);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    TransformerSubject subject() {
        return subject;
    }

    LoadedModel model() {
        return model;
    }

    List<String> layers() {
        return layers;
    }

    @Override
    public void close() {
        try {
            model.close();
        } finally {
            manager.close();
        }
    }
}
