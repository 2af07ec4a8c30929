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
import org.brainalign.models.subject.SumaSubject;
import org.brainalign.models.subject.TransformerSubject;
import org.brainalign.models.tokenizer.ByteLevelBpe;
import org.brainalign.models.tokenizer.TextTokenizer;
import org.brainalign.models.tokenizer.Tokenizers;

/**
 * What {@code --model} names, opened for scoring: a transformer (a HuggingFace directory or
 * {@code untrained:<preset>}; native memory manager, weights and the layers to record) or a
 * baseline subject ({@code randomembedding-<dims>}, {@code oasm[:<sigma>]}, {@code suma[-<width>x<heads>][@seed]}). Each benchmark gets a
 * fresh subject on the same weights. Close it to free native memory.
 */
final class ModelSubject implements AutoCloseable {
    private static final Pattern RANDOM_EMBEDDING = Pattern.compile("randomembedding-(\\d+)");
    private static final Pattern OASM = Pattern.compile("oasm(?::([0-9.]+))?");
    private static final Pattern SUMA = Pattern.compile("suma(?:-(\\d+)x(\\d+))?(?:@(\\d+))?");

    private final NDManager manager;
    private final LoadedModel model;
    private final List<Supplier<Subject>> variants;
    private java.util.function.Function<List<String>, Subject> layered;
    private String checkpoint = "generated";
    private String tokenizer = "none";
    private final List<String> layers;

    private ModelSubject(NDManager manager, LoadedModel model, Supplier<Subject> factory, List<String> layers) {
        this(manager, model, List.of(factory), layers);
    }

    private ModelSubject(NDManager manager, LoadedModel model, List<Supplier<Subject>> variants, List<String> layers) {
        this.manager = manager;
        this.model = model;
        this.variants = variants;
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
        Matcher suma = SUMA.matcher(options.model);
        if (suma.matches()) {
            SumaSubject.Config cfg = suma.group(1) == null ? SumaSubject.Config.paper()
                    : new SumaSubject.Config(Integer.parseInt(suma.group(1)), Integer.parseInt(suma.group(2)), 2, 1e-6, 2048);
            long[] seeds = suma.group(3) == null ? SumaSubject.PAPER_SEEDS : new long[] {Long.parseLong(suma.group(3))};
            TextTokenizer tokenizer = options.tokenizerDir().map(Tokenizers::fromDirectory).orElseGet(ByteLevelBpe::bundledGpt2);
            NDManager manager = NDManager.newBaseManager();
            List<Supplier<Subject>> variants = new java.util.ArrayList<>();
            ModelSubject ms = new ModelSubject(manager, null, variants, List.of("suma.block"));
            ms.tokenizer = tokenizer.describe();
            for (long seed : seeds) {
                // Each SUMA subject lives in a sub-manager of this one: closing it frees its weights at once,
                // and whatever is still open goes with the base manager in close().
                variants.add(() -> new SumaSubject(cfg, seed, tokenizer, manager));
            }
            return ms;
        }
        NDManager manager = NDManager.newBaseManager();
        try {
            LoadedModel model = ModelLoader.open(options.model, options.loaderOptions(), manager);
            List<String> chosen = layers.equals("all") ? model.network().layerNames()
                    : Arrays.stream(layers.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
            // Validate the layer names now, before any benchmark runs.
            new TransformerSubject(model, manager, window, chosen);
            ModelSubject ms = new ModelSubject(manager, model, () -> new TransformerSubject(model, manager, window, chosen), chosen);
            ms.layered = wanted -> new TransformerSubject(model, manager, window, wanted);
            ms.checkpoint = Checkpoints.fingerprint(options.model);
            ms.tokenizer = model.tokenizer().describe();
            return ms;
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
        return variants.getFirst().get();
    }

    /**
     * Fresh subjects for every variant that the model's score averages over: one for most models,
     * the five seeds for {@code suma} (the paper averages its scores over seeds 10, 20, 30, 42, 50).
     */
    List<Supplier<Subject>> variants() {
        return variants;
    }

    /**
     * Fresh subjects (one per variant) recording only {@code wanted} of the layers — for resuming a
     * run; baselines have one layer and ignore the restriction.
     */
    List<Supplier<Subject>> variantsFor(List<String> wanted) {
        if (layered == null) {
            return variants;
        }
        return List.of(() -> layered.apply(wanted));
    }

    /** A fingerprint of the weights: a content hash for a checkpoint directory, "generated" otherwise. */
    String checkpoint() {
        return checkpoint;
    }

    /** What tokenizes the text: the loaded model's tokenizer, or "none" for baselines that read words. */
    String tokenizerDescription() {
        return tokenizer;
    }

    /** The transformer behind this subject, or empty for baselines. */
    java.util.Optional<LoadedModel> transformer() {
        return java.util.Optional.ofNullable(model);
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
        if (manager != null && model == null) {
            manager.close();
        }
        if (model != null) {
            try {
                model.close();
            } finally {
                manager.close();
            }
        }
    }
}
