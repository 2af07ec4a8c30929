package org.brainalign.models.registry;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.brainalign.core.subject.Subject;
import org.brainalign.models.LoadedModel;
import org.brainalign.models.ModelLoader;
import org.brainalign.models.baseline.GloveSubject;
import org.brainalign.models.baseline.OasmSubject;
import org.brainalign.models.baseline.RandomEmbeddingSubject;
import org.brainalign.models.baseline.SumaSubject;
import org.brainalign.models.external.SurprisalFile;
import org.brainalign.models.external.SurprisalSubject;
import org.brainalign.models.hub.HubCache;
import org.brainalign.models.subject.TransformerSubject;
import org.brainalign.models.tokenizer.ByteLevelBpe;
import org.brainalign.models.tokenizer.TextTokenizer;
import org.brainalign.models.tokenizer.Tokenizers;
import org.brainalign.models.untrained.Presets;
import org.brainalign.models.vectors.WordVectors;

/**
 * Every form {@code --model} takes, in one place: each {@link Form} has its syntax, a one-line
 * description and the code that opens it. Commands never parse model names; they call
 * {@link #open} (a subject to score) or {@link #openTransformer} (a network to run), and their help
 * lists {@link #forms()}. Forms are tried in order; the first whose pattern matches the whole name
 * opens it, and a name that none matches is an error listing every form.
 */
public final class ModelRegistry {

    /** Opens one form: the regex groups of the name, the request. */
    @FunctionalInterface
    private interface Opener {
        OpenedModel open(String name, Matcher m, ModelRequest request);
    }

    /**
     * One accepted form of a model name.
     *
     * @param syntax how it is written, e.g. {@code oasm[:<sigma>]}
     * @param description one line on what it is
     * @param transformer whether it opens a transformer network (so {@link #openTransformer} accepts it)
     */
    public record Form(String syntax, String description, boolean transformer, Pattern pattern, Opener opener) {
        boolean matches(String name) {
            return pattern.matcher(name).matches() && (opener != HUB || !java.nio.file.Files.exists(Path.of(name)));
        }
    }

    /** The hub-id form's opener; a hub id that is also a local path is read as the path. */
    private static final Opener HUB = ModelRegistry::hub;

    private static final Form LLAMA2C = new Form("<file.bin>", "a llama2.c checkpoint (run.c's legacy format) with its "
            + "tok*.bin beside it or given with --tokenizer; untrained:<file.bin> is its untrained twin", true,
            Pattern.compile("(?s).+\\.bin"), ModelRegistry::transformer);

    private static final List<Form> FORMS = List.of(
            new Form("untrained:<preset>[@seed]", "a published architecture with HuggingFace's random initialisation; presets: "
                    + String.join(", ", Presets.all().keySet()) + " (seed: @seed, else --seed)", true,
                    Pattern.compile("untrained:(" + String.join("|", Presets.all().keySet().stream().map(Pattern::quote).toList())
                            + ")(@-?\\d+)?"), ModelRegistry::transformer),
            new Form("untrained:<dir>[@seed]", "the architecture and tokenizer of a HuggingFace directory with fresh weights "
                    + "(its untrained twin; for a `brainalign train` run, its step-0 weights)", true,
                    Pattern.compile("untrained:.+"), ModelRegistry::transformer),
            new Form("randomembedding-<dims>", "BSL's random-embedding baseline exactly: a fixed uniform [0, 1) vector per word from "
                    + "numpy's RandomState seeded by the word's sha256, a stimulus is their mean (BSL: 100, 1600)", false, Pattern.compile("randomembedding-(\\d+)"),
                    ModelRegistry::randomEmbedding),
            new Form("glove:<file>", "word vectors in Stanford's GloVe text format (any dimension): a stimulus is the mean of "
                    + "its words' vectors as BSL's glove-840b finds them; unknown words count as zero vectors", false,
                    Pattern.compile("(?s)glove:(.+)"), ModelRegistry::glove),
            new Form("surprisal:<file>[#column]", "surprisals computed elsewhere (an API's log-probs, another machine), one row "
                    + "per word or token in reading order, CSV/TSV with a word/token column and surprisal (bits), surprisal_nats "
                    + "or logprob (natural log); scores surprisal-based benchmarks only", false,
                    Pattern.compile("(?s)surprisal:(.+?)(?:#([^#/]+))?"), ModelRegistry::surprisal),
            new Form("oasm[:<sigma>]", "the OASM baseline: a Gaussian of width sigma (default 1) over stimulus order, the "
                    + "temporal-autocorrelation confound", false, Pattern.compile("oasm(?::([0-9]*\\.?[0-9]+))?"),
                    ModelRegistry::oasm),
            new Form("suma[-<width>x<heads>][@seed]", "SUMA: one untrained attention block applied twice (default 4096x512); "
                    + "no seed: the mean over the paper's seeds " + Arrays.toString(SumaSubject.PAPER_SEEDS), false,
                    Pattern.compile("suma(?:-(\\d+)x(\\d+))?(?:@(\\d+))?"), ModelRegistry::suma),
            LLAMA2C,
            new Form("<org>/<name> | <hub id>", "a HuggingFace hub model (gpt2, Qwen/Qwen2.5-0.5B) read offline from the local "
                    + "HuggingFace cache ($HF_HUB_CACHE, $HF_HOME/hub or ~/.cache/huggingface/hub; the snapshot refs/main names); "
                    + "never downloaded", true, HubCache.ID, HUB),
            new Form("<dir>", "a HuggingFace model directory: config.json, model.safetensors (or its index; fp32, fp16, bf16) "
                    + "and tokenizer.json or vocab.json + merges.txt", true, Pattern.compile("(?s).+"),
                    ModelRegistry::transformer));

    private ModelRegistry() {}

    /** Every form, in the order names are matched. */
    public static List<Form> forms() {
        return FORMS;
    }

    /** One line per form, {@code syntax  description}, for command help. */
    public static List<String> helpLines() {
        return FORMS.stream().map(f -> f.syntax() + "  " + f.description()).toList();
    }

    /** The form that {@code name} is written in. */
    public static Form formOf(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("--model is empty; it takes one of: " + syntaxes());
        }
        for (Form f : FORMS) {
            if (f.matches(name)) {
                return f;
            }
        }
        throw new IllegalArgumentException("model '" + name + "' matches none of: " + syntaxes());
    }

    /** The prefixes of forms whose rest is a path (with an optional {@code @seed} or {@code #column} after it). */
    private static final List<String> PATH_PREFIXES = List.of(ModelLoader.UNTRAINED, "glove:", "surprisal:");

    /**
     * {@code name} with the file or directory it names made absolute against the working directory,
     * so that it means the same on a machine with another working directory (a Spark executor):
     * {@code runs/final} becomes {@code /home/me/runs/final}, {@code untrained:runs/final@3} keeps its
     * prefix and seed. Names that are not local paths (presets, hub ids, baselines) come back as given.
     */
    public static String withAbsolutePaths(String name) {
        for (String prefix : PATH_PREFIXES) {
            if (name.startsWith(prefix)) {
                return prefix + absolutePath(name.substring(prefix.length()));
            }
        }
        return absolutePath(name);
    }

    /** The path at the start of {@code s} (all of it, or up to a trailing @seed or #column) made absolute when it exists. */
    private static String absolutePath(String s) {
        List<Integer> ends = new java.util.ArrayList<>(List.of(s.length()));
        if (s.lastIndexOf('@') > 0) {
            ends.add(s.lastIndexOf('@'));
        }
        if (s.lastIndexOf('#') > 0) {
            ends.add(s.lastIndexOf('#'));
        }
        for (int end : ends) {
            try {
                Path p = Path.of(s.substring(0, end));
                if (!p.isAbsolute() && java.nio.file.Files.exists(p)) {
                    return p.toAbsolutePath().normalize() + s.substring(end);
                }
            } catch (java.nio.file.InvalidPathException e) {
                // not a path on this system: left as given
            }
        }
        return s;
    }

    /**
     * Whether {@code name} is itself a model held in one file (a llama2.c checkpoint), as opposed to,
     * say, a text file listing models.
     */
    public static boolean isModelFile(String name) {
        return java.nio.file.Files.isRegularFile(Path.of(name)) && formOf(name) == LLAMA2C;
    }

    private static String syntaxes() {
        return String.join(", ", FORMS.stream().map(Form::syntax).toList());
    }

    /** Opens {@code name} for scoring, recording the request's layers. */
    public static OpenedModel open(String name, ModelRequest request) {
        Form form = formOf(name);
        Matcher m = form.pattern().matcher(name);
        if (!m.matches()) {
            throw new IllegalStateException("form " + form.syntax() + " no longer matches " + name);
        }
        return form.opener().open(name, m, request);
    }

    /**
     * Opens {@code name} as a transformer network (for commands that run the network itself, such as
     * {@code activations}); a baseline is refused with a message naming it. Weights live in a child of
     * {@code manager}.
     */
    public static LoadedModel openTransformer(String name, ModelRequest request, NDManager manager) {
        Form form = formOf(name);
        if (!form.transformer()) {
            throw new IllegalArgumentException("'" + name + "' is a baseline (" + form.syntax() + "); this command needs a "
                    + "transformer: a HuggingFace directory, a llama2.c checkpoint, untrained:<preset> or untrained:<dir>");
        }
        if (form.opener() == HUB) {
            LoadedModel m = ModelLoader.open(HubCache.modelSnapshot(name).toString(), request.loaderOptions(), manager);
            return new LoadedModel(name, m.network(), m.tokenizer(), m.weights());
        }
        return ModelLoader.open(name, request.loaderOptions(), manager);
    }

    /** A hub id: its snapshot in the local HuggingFace cache, recorded under the id itself. */
    private static OpenedModel hub(String name, Matcher m, ModelRequest request) {
        return transformerAs(HubCache.modelSnapshot(name).toString(), name, request);
    }

    private static OpenedModel transformer(String name, Matcher m, ModelRequest request) {
        return transformerAs(name, null, request);
    }

    /** A transformer from {@code name} (a path or untrained form), recorded as {@code id} (null: the loader's id). */
    private static OpenedModel transformerAs(String name, String id, ModelRequest request) {
        if (!name.startsWith(ModelLoader.UNTRAINED) && !java.nio.file.Files.exists(java.nio.file.Path.of(name))) {
            // Neither a path nor any other form: say what the forms are, and the nearest preset if it looks like one.
            String lower = name.toLowerCase(java.util.Locale.ROOT);
            String near = Presets.all().keySet().stream().filter(p -> lower.contains(p) || p.contains(lower))
                    .min(java.util.Comparator.comparingInt(p -> Math.abs(p.length() - lower.length())))
                    .map(p -> "did you mean untrained:" + p + "? ").orElse("");
            throw new IllegalArgumentException("model '" + name + "' is no file or directory; " + near + "--model takes: "
                    + syntaxes() + " (brainalign score --help lists them with descriptions)");
        }
        NDManager manager = NDManager.newBaseManager();
        try {
            LoadedModel model = ModelLoader.open(name, request.loaderOptions(), manager);
            try {
                List<String> chosen = request.layers().equals("all") ? model.network().layerNames()
                        : Arrays.stream(request.layers().split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
                // Validate the layer names now, before any benchmark runs.
                new TransformerSubject(model, manager, request.window(), chosen);
                return new OpenedModel(id != null ? id : model.id(), manager, model,
                        List.of(() -> new TransformerSubject(model, manager, request.window(), chosen)),
                        wanted -> new TransformerSubject(model, manager, request.window(), wanted), Checkpoints.fingerprint(name),
                        model.tokenizer().describe(), chosen);
            } catch (RuntimeException e) {
                model.close();
                throw e;
            }
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    private static String baselineId(String name, ModelRequest request) {
        return name + (request.seed() == 0 ? "" : "@seed=" + request.seed());
    }

    private static OpenedModel randomEmbedding(String name, Matcher m, ModelRequest request) {
        int dims = Integer.parseInt(m.group(1));
        if (dims < 1) {
            throw new IllegalArgumentException("randomembedding-<dims> needs dims >= 1, found " + dims);
        }
        return new OpenedModel(baselineId(name, request), null, null,
                List.of(() -> new RandomEmbeddingSubject(dims, request.seed())), null, "generated", "none", List.of("embedding"));
    }

    private static OpenedModel glove(String name, Matcher m, ModelRequest request) {
        Path file = Path.of(m.group(1));
        WordVectors vectors = WordVectors.open(file);
        boolean lowercase = !vectors.cased();
        return new OpenedModel("glove:" + file.getFileName(), null, null, List.of(() -> new GloveSubject(vectors, lowercase)),
                null, Checkpoints.fingerprint(file.toString()), lowercase ? "whitespace, BSL's punctuation rule, lower-cased"
                : "whitespace, BSL's punctuation rule", List.of("projection")).closing(vectors);
    }

    private static OpenedModel surprisal(String name, Matcher m, ModelRequest request) {
        Path path = Path.of(m.group(1));
        SurprisalFile file = SurprisalFile.read(path, m.group(2));
        String id = "surprisal:" + path.getFileName() + (m.group(2) == null ? "" : "#" + m.group(2));
        return new OpenedModel(id, null, null, List.of(() -> new SurprisalSubject(file, id)), null,
                Checkpoints.fingerprint(path.toString()), "none (precomputed: " + file.column() + ")", List.of("surprisal"));
    }

    private static OpenedModel oasm(String name, Matcher m, ModelRequest request) {
        double sigma = m.group(1) == null ? 1.0 : Double.parseDouble(m.group(1));
        return new OpenedModel(baselineId(name, request), null, null, List.of(() -> new OasmSubject(4096, sigma)), null,
                "generated", "none", List.of("position"));
    }

    private static OpenedModel suma(String name, Matcher m, ModelRequest request) {
        SumaSubject.Config cfg = m.group(1) == null ? SumaSubject.Config.paper()
                : new SumaSubject.Config(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), 2, 1e-6, 2048);
        long[] seeds = m.group(3) == null ? SumaSubject.PAPER_SEEDS : new long[] {Long.parseLong(m.group(3))};
        TextTokenizer tokenizer = request.tokenizerDir().map(Tokenizers::fromDirectory).orElseGet(ByteLevelBpe::bundledGpt2);
        NDManager manager = NDManager.newBaseManager();
        List<Supplier<Subject>> variants = new ArrayList<>();
        for (long seed : seeds) {
            // Each SUMA subject lives in a sub-manager of this one: closing it frees its weights at once,
            // and whatever is still open goes with the base manager when the model is closed.
            variants.add(() -> new SumaSubject(cfg, seed, tokenizer, manager));
        }
        return new OpenedModel(baselineId(name, request), manager, null, variants, null, "generated", tokenizer.describe(),
                List.of("suma.block"));
    }
}
