package org.brainalign.app.cli;

import org.brainalign.models.registry.ModelRegistry;
import org.brainalign.models.registry.OpenedModel;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.brainalign.app.Software;
import org.brainalign.app.scoring.ScoringService;
import org.brainalign.app.report.ScoreJson;
import org.brainalign.app.report.ScoreTable;
import org.brainalign.benchmarks.Benchmark;
import org.brainalign.benchmarks.BenchmarkRegistry;
import org.brainalign.benchmarks.DataSource;
import org.brainalign.benchmarks.RunOptions;
import org.brainalign.benchmarks.localizer.LanguageMask;
import org.brainalign.benchmarks.localizer.LocalizedSubject;
import org.brainalign.benchmarks.localizer.TopK;
import org.brainalign.app.cache.ActivationCache;
import org.brainalign.app.store.ResultsStore;
import org.brainalign.benchmarks.neural.NeuralBenchmark;
import org.brainalign.core.linalg.LinAlg;
import org.brainalign.core.subject.Subject;
import org.brainalign.models.LoadedModel;
import org.brainalign.core.score.Score;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code brainalign score}: scores a model on one or more benchmarks, every chosen layer separately,
 * prints a per-layer table (raw, ceiling, normalised, 95 % CI) and optionally writes JSON.
 */
@Command(name = "score", mixinStandardHelpOptions = true,
        description = "Score a model on benchmarks, per layer, with ceilings and confidence intervals.")
public final class ScoreCommand implements Callable<Integer> {

    @Mixin
    ModelOptions modelOptions;

    @Option(names = "--benchmark", required = true, split = ",", paramLabel = "<id>",
            description = "Benchmark identifiers (comma-separated); see 'brainalign benchmarks'.")
    List<String> benchmarks;

    @Option(names = "--layers", defaultValue = "all", paramLabel = "<all|name,...>",
            description = "Layers to score: 'all' or comma-separated HuggingFace module names (default ${DEFAULT-VALUE}).")
    String layers;

    @Option(names = "--out", paramLabel = "<file.json>", description = "Write the scores as JSON.")
    Path out;

    @Option(names = "--full", description = "Include every layer's split x neuroid matrix in the JSON.")
    boolean full;

    @Option(names = "--recompute-ceiling", description = "Compute ceilings from the data instead of using published ones.")
    boolean recomputeCeiling;

    @Option(names = "--simulated",
            description = "Use simulated assemblies with each benchmark's real stimulus structure (no recordings needed).")
    boolean simulated;

    @Option(names = "--sentences", defaultValue = "dereferenced", paramLabel = "<dereferenced|shown>",
            description = "Which text of Pereira2018's network benchmarks the model reads: BSL's 'sentence' (pronouns dereferenced, "
                    + "default) or the sentence as shown in the scanner.")
    String sentences;

    @Option(names = "--bootstrap-seed", defaultValue = "0", description = "Seed of the confidence intervals (default ${DEFAULT-VALUE}).")
    long bootstrapSeed;

    @Mixin
    ContextOptions context;

    @Mixin
    DataOptions data;

    @Mixin
    ProgressOptions progressOptions;

    @Option(names = "--localize", paramLabel = "<count|fraction>",
            description = "Score only the language-selective units: the top-k of the Fedorenko 2010 localizer across --layers.")
    String localize;

    @Mixin
    StoreOptions store;

    @Option(names = "--resume", description = "Skip (model, benchmark, layer) jobs already in the store; run only the missing ones.")
    boolean resume;

    @Spec
    CommandSpec spec;

    private Path storeFile() {
        return store.forWriting(cacheRoot());
    }

    /** How the store names this model: the registry's id for it, plus the localizer when one selects its units. */
    private String storeModelId(OpenedModel model) {
        return localize == null ? model.id() : model.id() + "+localized-top-" + localize;
    }

    @Option(names = "--no-activation-cache", description = "Neither read nor write the activation cache.")
    boolean noActivationCache;

    /**
     * The activation cache for one subject: entries under $BRAINALIGN_CACHE/activations, keyed by the
     * model (id, checkpoint fingerprint, tokenizer), context window, recorded layers and the stimuli.
     */
    private RunOptions.FeatureCache featureCache(Subject subject, ResultsStore.ModelKey key, OpenedModel model,
            List<String> recorded) {
        if (noActivationCache) {
            return RunOptions.FeatureCache.NONE;
        }
        String modelSide = "subject=" + subject.id() + ";checkpoint=" + key.checkpoint() + ";tokenizer=" + model.tokenizerDescription()
                + ";window=" + context.window + "/" + context.stride + ";layers=" + String.join(",", recorded);
        ActivationCache cache = new ActivationCache(cacheRoot().resolve("activations"),
                w -> spec.commandLine().getErr().println("warning: " + w));
        return new RunOptions.FeatureCache() {
            @Override
            public java.util.Optional<Map<String, org.brainalign.core.linalg.DMatrix>> load(String stimuliHash) {
                return cache.load(modelSide + ";stimuli=" + stimuliHash);
            }

            @Override
            public void save(String stimuliHash, Map<String, org.brainalign.core.linalg.DMatrix> features) {
                cache.save(modelSide + ";stimuli=" + stimuliHash, features);
            }
        };
    }

    @Option(names = "--cache-dir", paramLabel = "<dir>",
            description = "Cache directory for activations and the default store (default $BRAINALIGN_CACHE or ~/.cache/brainalign).")
    Path cacheDir;

    private Path cacheRoot() {
        if (cacheDir != null) {
            return cacheDir;
        }
        return CachePaths.root();
    }

    /** Scores one benchmark (only its missing layers when resuming), recording every layer as it is done. */
    private Score scoreOne(Benchmark b, OpenedModel model, LanguageMask mask, ResultsStore store, ResultsStore.ModelKey key,
            PrintWriter stdout) throws Exception {
        NeuralBenchmark neural = b instanceof NeuralBenchmark nb ? nb : null;
        Set<String> done = resume ? store.layersDone(key, b.id(), b.version()) : Set.of();
        List<String> missing = model.layers().stream().filter(l -> !done.contains(l)).toList();
        boolean complete = resume && (neural != null ? missing.isEmpty() : !done.isEmpty());
        if (!complete) {
            boolean partial = resume && neural != null && !done.isEmpty();
            var variants = partial ? model.variantsFor(missing) : model.variants();
            List<String> recorded = partial ? missing : model.layers();
            try (ConsoleProgress progress = new ConsoleProgress(b.id(), progressOptions.show())) {
                Score s = ScoringService.score(b, variants, mask, key, new ScoringService.Options(recomputeCeiling, bootstrapSeed),
                        progress, subject -> featureCache(subject, key, model, recorded), ScoringService.into(store));
                if (!partial) {
                    progress.close();
                    ScoreTable.print(s, stdout);
                    stdout.flush();
                    return s;
                }
                stdout.printf("%s: resumed; %d of %d layers were already in the store%n", b.id(), done.size(),
                        model.layers().size());
            }
        } else {
            stdout.printf("%s: complete in the store; nothing to run%n", b.id());
        }
        List<String> order = neural != null ? model.layers() : new ArrayList<>(store.layersDone(key, b.id(), b.version()));
        Score s = b.assemble(key.model(), store.ceiling(key, b.id(), b.version()), store.layerScores(key, b.id(), b.version(), order),
                bootstrapSeed);
        ScoreTable.print(s, stdout);
        stdout.flush();
        return s;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        DataSource source = new DataSource(data.directory(), org.brainalign.benchmarks.data.DataCatalog.bundled(), simulated)
                .withSentences(switch (sentences) {
            case "dereferenced" -> DataSource.Sentences.DEREFERENCED;
            case "shown" -> DataSource.Sentences.SHOWN;
            default -> throw new IllegalArgumentException("--sentences takes 'dereferenced' or 'shown', not '" + sentences + "'");
        });
        List<Benchmark> chosen = new ArrayList<>();
        for (String id : benchmarks) {
            chosen.add(BenchmarkRegistry.create(id.trim(), source));
        }
        for (Benchmark b : chosen) {
            b.prepareData(); // missing or corrupt data fails here, before the model is loaded
        }
        List<Score> scores = new ArrayList<>();
        Map<String, String> notRun = new LinkedHashMap<>();
        try (OpenedModel model = ModelRegistry.open(modelOptions.model, modelOptions.request(layers, context.contextWindow()));
             ResultsStore store = this.store.open(storeFile())) {
            // Every model x benchmark pair is checked before the first feature is extracted; those that cannot run are
            // reported in words and the rest run.
            List<Benchmark> runnable = new ArrayList<>();
            for (Benchmark b : chosen) {
                ScoringService.cannotRun(b, model).ifPresentOrElse(why -> notRun.put(b.id(), why), () -> runnable.add(b));
            }
            if (runnable.isEmpty()) {
                throw new IllegalArgumentException("none of the benchmarks asked for can run on " + model.id() + ": "
                        + String.join("; ", notRun.values()));
            }
            notRun.values().forEach(why -> spec.commandLine().getErr().println("not run: " + why));
            LanguageMask mask = null;
            if (localize != null) {
                mask = LocalizerRun.obtain(model, "fedorenko2010", TopK.parse(localize), true, progressOptions.show(),
                        spec.commandLine().getErr());
                LocalizerRun.printCounts(mask, stdout);
                stdout.println();
            }
            // A name the store holds from another checkpoint gets name@<fingerprint>: both are kept, and the run says so.
            ResultsStore.RecordedId recorded = store.recordedId(storeModelId(model), model.checkpoint());
            recorded.note().ifPresent(stdout::println);
            String id = recorded.id();
            store.recordLimits(id, model.checkpoint(), model.cannot());
            for (Benchmark b : runnable) {
                // Rows on simulated recordings have their own key: they never replace or mix with real ones.
                scores.add(scoreOne(b, model, mask, store, new ResultsStore.ModelKey(id, model.checkpoint(), b.simulated()), stdout));
            }
            stdout.println("recorded in " + store.file() + " as " + id
                    + (runnable.stream().anyMatch(Benchmark::simulated) ? " (simulated-data scores kept apart from real ones)" : ""));
            notRun.values().forEach(why -> stdout.println("not run: " + why));
        }
        if (out != null) {
            Map<String, String> run = new LinkedHashMap<>();
            run.put("model", modelOptions.model);
            run.put("seed", Long.toString(modelOptions.seed));
            run.put("layers", layers);
            run.put("benchmarks", String.join(",", benchmarks));
            run.put("data", simulated ? "simulated" : "real");
            run.put("sentences", sentences);
            run.put("recomputeCeiling", Boolean.toString(recomputeCeiling));
            run.put("linalg", LinAlg.get().name());
            run.put("localize", localize == null ? "none" : "fedorenko2010 top-" + localize);
            run.put("software", Software.VERSION);
            ScoreJson.write(out, scores, notRun, run, full);
            stdout.println("wrote " + out);
        }
        return 0;
    }
}
