package org.brainalign.models.registry;

import ai.djl.ndarray.NDManager;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.brainalign.core.subject.Needs;
import java.util.function.Function;
import java.util.function.Supplier;
import org.brainalign.core.subject.Subject;
import org.brainalign.models.LoadedModel;

/**
 * What {@code --model} names, opened for scoring ({@link ModelRegistry#open}): a transformer (native
 * memory manager, weights, the layers to record) or a baseline subject. Each benchmark gets a fresh
 * subject on the same weights ({@link #variants()}; several for a model whose score is the mean over
 * seeds, such as SUMA). It knows how the results store names it ({@link #id()}) and fingerprints its
 * checkpoint. Close it to free native memory.
 */
public final class OpenedModel implements AutoCloseable {
    private final String id;
    private final NDManager manager;
    private final LoadedModel model;
    private final List<Supplier<Subject>> variants;
    private final Function<List<String>, Subject> layered;
    private final String checkpoint;
    private final String tokenizer;
    private final List<String> layers;
    private AutoCloseable resource;
    private Map<String, String> cannot;

    OpenedModel(String id, NDManager manager, LoadedModel model, List<Supplier<Subject>> variants,
            Function<List<String>, Subject> layered, String checkpoint, String tokenizer, List<String> layers) {
        this.id = variants.size() > 1 ? id + "@mean-of-" + variants.size() : id;
        this.manager = manager;
        this.model = model;
        this.variants = List.copyOf(variants);
        this.layered = layered;
        this.checkpoint = checkpoint;
        this.tokenizer = tokenizer;
        this.layers = List.copyOf(layers);
    }

    /**
     * How results are recorded for this model: the loaded model's id for a transformer
     * ({@code untrained:gpt2@0}, a directory's name), the name as given for a baseline (with
     * {@code @seed=N} for a non-default seed and {@code @mean-of-N} when its score averages N variants).
     */
    public String id() {
        return id;
    }

    /**
     * A new subject with no task or recording started — what each benchmark gets, as BSL gives each
     * benchmark a freshly loaded model (an OASM baseline also restarts its stimulus count).
     */
    public Subject freshSubject() {
        return variants.getFirst().get();
    }

    /** Why this model cannot meet {@code needs} (a benchmark's), in words, or empty when it can (from {@link #cannot()}). */
    public Optional<String> refusal(Needs needs) {
        Map<String, String> cannot = cannot();
        return needs.parts().stream().filter(cannot::containsKey).map(cannot::get).findFirst();
    }

    /**
     * What this model cannot give, of {@link Needs#PARTS}: each part's words to the reason, in words
     * (empty for a causal language model). Asked once of a fresh subject, which is then closed.
     */
    public synchronized Map<String, String> cannot() {
        if (cannot == null) {
            Map<String, String> out = new LinkedHashMap<>();
            Subject probe = freshSubject();
            try {
                for (Needs part : Needs.PARTS) {
                    part.refusal(probe).ifPresent(why -> out.put(part.inWords(), why));
                }
            } finally {
                close(probe);
            }
            cannot = java.util.Collections.unmodifiableMap(out);
        }
        return cannot;
    }

    private void close(Subject probe) {
        if (probe instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                throw new IllegalStateException("cannot close a subject of " + id + ": " + e.getMessage(), e);
            }
        }
    }

    /** Fresh subjects for every variant that the model's score averages over (one for most models). */
    public List<Supplier<Subject>> variants() {
        return variants;
    }

    /**
     * Fresh subjects (one per variant) recording only {@code wanted} of the layers — for resuming a
     * run; baselines have one layer and ignore the restriction.
     */
    public List<Supplier<Subject>> variantsFor(List<String> wanted) {
        if (layered == null) {
            return variants;
        }
        return List.of(() -> layered.apply(wanted));
    }

    /** A fingerprint of the weights: a content hash for a checkpoint directory, "generated" otherwise. */
    public String checkpoint() {
        return checkpoint;
    }

    /** What tokenizes the text: the loaded model's tokenizer, or "none" for baselines that read words. */
    public String tokenizerDescription() {
        return tokenizer;
    }

    /** The transformer behind this subject, or empty for baselines. */
    public Optional<LoadedModel> transformer() {
        return Optional.ofNullable(model);
    }

    /** The transformer behind this subject; an error for baselines. */
    public LoadedModel model() {
        if (model == null) {
            throw new IllegalArgumentException("this command needs a transformer model, not the baseline '" + id + "'");
        }
        return model;
    }

    /** The layers recorded, in depth order. */
    public List<String> layers() {
        return layers;
    }

    /** Also closes {@code r} (an open file the subjects read) when this model is closed. */
    OpenedModel closing(AutoCloseable r) {
        this.resource = r;
        return this;
    }

    @Override
    public void close() {
        try {
            if (resource != null) {
                resource.close();
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot close " + id + ": " + e.getMessage(), e);
        } finally {
            closeModel();
        }
    }

    private void closeModel() {
        try {
            if (model != null) {
                model.close();
            }
        } finally {
            if (manager != null) {
                manager.close();
            }
        }
    }
}
