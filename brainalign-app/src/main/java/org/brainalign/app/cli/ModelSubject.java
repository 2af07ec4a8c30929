package org.brainalign.app.cli;

import ai.djl.ndarray.NDManager;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.brainalign.core.subject.Subject;
import org.brainalign.models.LoadedModel;
import org.brainalign.models.ModelLoader;
import org.brainalign.models.baseline.OasmSubject;
import org.brainalign.models.baseline.RandomEmbeddingSubject;
import org.brainalign.models.subject.ContextWindow;
import org.brainalign.models.subject.TransformerSubject;

/**
 * What {@code --model} names, opened for scoring: a transformer (a HuggingFace directory or
 * {@code untrained:<preset>}; native memory manager, weights and the layers to record) or a
 * baseline subject ({@code randomembedding-<dims>}, {@code oasm[:<sigma>]}). Each benchmark gets a
 * fresh subject on the same weights. Close it to free native memory.
 */
final class ModelSubject implements AutoCloseable {
    private static final Pattern RANDOM_EMBEDDING = Pattern.compile("randomembedding-(\\d+)");
    private static final Pattern OASM = Pattern.compile("oasm(?::([0-9.]+))?");

    private final NDManager manager;
    private final LoadedModel model;
    private final Supplier<Subject> factory;
    private final List<String> layers;

    private ModelSubject(NDManager manager, LoadedModel model, Supplier<Subject> factory, List<String> layers) {
        this.manager = manager;
        this.model = model;
        this.factory = factory;
        this.layers = layers;
    }

    /** Opens {@code options.model} recording {@code layers} ("all" or comma-separated names). */
    static ModelSubject open(ModelOptions options, String layers, ContextWindow window) {
        Matcher re = RANDOM_EMBEDDING.matcher(options.model);
        if (re.matches()) {
            int dims = Integer.parseInt(re.group(1));
            return new ModelSubject(null, null, () -> new RandomEmbeddingSubject(dims, options.seed), List.of("embedding"));
        }
        Matcher oasm = OASM.matcher(options.model);
        if (oasm.matches()) {
            double sigma = oasm.group(1) == null ? 1.0 : Double.parseDouble(oasm.group(1));
            return new ModelSubject(null, null, () -> new OasmSubject(4096, sigma), List.of("position"));
        }
        NDManager manager = NDManager.newBaseManager();
        try {
            LoadedModel model = ModelLoader.open(options.model, options.loaderOptions(), manager);
            List<String> chosen = layers.equals("all") ? model.network().layerNames()
                    : Arrays.stream(layers.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
            // Validate the layer names now, before any benchmark runs.
            new TransformerSubject(model, manager, window, chosen);
            return new ModelSubject(manager, model, () -> new TransformerSubject(model, manager, window, chosen), chosen);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /**
     * A new subject with no task or recording started — what each benchmark gets, as BSL gives each
     * benchmark a freshly loaded model (an OASM baseline also restarts its stimulus count).
     */
    Subject freshSubject() {
        return factory.get();
    }

    /** The transformer behind this subject; an error for baselines. */
    LoadedModel model() {
        if (model == null) {
            throw new IllegalArgumentException("this command needs a transformer model, not a baseline");
        }
        return model;
    }

    List<String> layers() {
        return layers;
    }

    @Override
    public void close() {
        if (model != null) {
            try {
                model.close();
            } finally {
                manager.close();
            }
        }
    }
}
