package org.brainalign.app.scoring;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.brainalign.app.Software;
import org.brainalign.app.store.ResultsStore;
import org.brainalign.benchmarks.Benchmark;
import org.brainalign.benchmarks.RunOptions;
import org.brainalign.benchmarks.localizer.LanguageMask;
import org.brainalign.benchmarks.localizer.LocalizedSubject;
import org.brainalign.benchmarks.neural.NeuralBenchmark;
import org.brainalign.core.score.LayerScore;
import org.brainalign.core.score.Score;
import org.brainalign.core.subject.Subject;

/**
 * Scores one benchmark on one model — the single scoring path of {@code brainalign score} and of
 * the Spark job. Every variant of the model (one for most; several seeds for a model whose score is
 * their mean) gets a fresh subject; a single variant's neural layers go to the sink one by one as
 * they are scored, every other score as one batch of rows once assembled. Where the rows end up
 * (the store, or a driver across the network) is the sink's business.
 */
public final class ScoringService {
    private ScoringService() {}

    /** What changes a score: ceilings recomputed or published, and the bootstrap seed. */
    public record Options(boolean recomputeCeiling, long bootstrapSeed) {}

    /** Receives the rows of a scoring run. */
    public interface RowSink {
        /** One layer, as soon as it is scored. */
        void layer(ScoredRow row);

        /** All rows of an assembled score, to be recorded together. */
        void all(List<ScoredRow> rows);
    }

    /** The activation cache of each subject (the recorded layers are part of its key). */
    @FunctionalInterface
    public interface Caches {
        RunOptions.FeatureCache forSubject(Subject subject);

        Caches NONE = subject -> RunOptions.FeatureCache.NONE;
    }

    /**
     * Scores {@code b} on {@code variants} (fresh subjects of one model), through {@code mask} when
     * the units are localized, recording under {@code key}.
     */
    /**
     * Why {@code model} cannot run {@code b}, in words ("Futrell2018-pearsonr needs surprisal (next-word
     * probabilities), but glove:… is a GloVe word-vector model without a language-model head, …"), or
     * empty when it can; what {@code score} and the Spark tasks both report before any work starts.
     */
    public static java.util.Optional<String> cannotRun(Benchmark b, org.brainalign.models.registry.OpenedModel model) {
        return model.refusal(b.needs()).map(why -> b.id() + " needs " + b.needs().inWords() + ", but " + why);
    }

    public static Score score(Benchmark b, List<Supplier<Subject>> variants, LanguageMask mask, ResultsStore.ModelKey key,
            Options options, RunOptions.Progress progress, Caches caches, RowSink sink) throws Exception {
        boolean single = variants.size() == 1;
        boolean neural = b instanceof NeuralBenchmark;
        RunOptions.LayerSink layerSink = single
                ? (id, ceiling, layer) -> sink.layer(new ScoredRow(key, id, runInfo(b, options, ceiling), ceiling, storable(b, layer)))
                : RunOptions.LayerSink.NONE;
        List<Score> perVariant = new ArrayList<>();
        for (Supplier<Subject> variant : variants) {
            Subject inner = variant.get();
            Subject subject = mask == null ? inner : new LocalizedSubject(inner, mask);
            perVariant.add(b.score(subject, new RunOptions(options.recomputeCeiling(), options.bootstrapSeed(), progress, layerSink,
                    caches.forSubject(subject))));
            if (inner instanceof AutoCloseable closeable) {
                closeable.close(); // a SUMA seed's weights are not needed once its score is in
            }
        }
        Score s = single ? perVariant.getFirst() : ScoreAverage.of(b, perVariant, options.bootstrapSeed());
        if (!(single && neural)) {
            // Neural layers of a single variant went to the sink one by one already.
            ResultsStore.RunInfo info = ResultsStore.RunInfo.of(s, Software.VERSION);
            sink.all(s.layers().stream().map(l -> new ScoredRow(key, b.id(), info, s.ceiling(), storable(b, l))).toList());
        }
        return s;
    }

    /**
     * {@code layer}, when its score may be stored: never an infinite one, and a NaN only where it is the
     * benchmark's defined value ({@link Benchmark#mayScoreNaN}); otherwise an error naming the benchmark,
     * the layer and what the metric reported, and nothing is stored.
     */
    static LayerScore storable(Benchmark b, LayerScore layer) {
        boolean infinite = Double.isInfinite(layer.raw()) || Double.isInfinite(layer.normalized());
        boolean nan = Double.isNaN(layer.raw());
        if (infinite || (nan && !b.mayScoreNaN())) {
            throw new IllegalStateException(b.id() + " / " + layer.layer() + ": the score is " + layer.raw()
                    + (layer.note().isBlank() ? "" : " (" + layer.note() + ")") + ", which is no score: the model's outputs are "
                    + "constant or overflow on these stimuli; nothing was stored");
        }
        return layer;
    }

    /** What the store records with a layer scored before its benchmark's score is assembled. */
    private static ResultsStore.RunInfo runInfo(Benchmark b, Options options, org.brainalign.core.ceiling.Ceiling ceiling) {
        return new ResultsStore.RunInfo(b.version(), b.provenance(options.bootstrapSeed(), ceiling), b.contextPolicy(), Software.VERSION);
    }

    /** A sink that writes into {@code store} directly. */
    public static RowSink into(ResultsStore store) {
        return new RowSink() {
            @Override
            public void layer(ScoredRow r) {
                store.record(r.key(), r.benchmark(), r.info(), r.ceiling(), r.layer());
            }

            @Override
            public void all(List<ScoredRow> rows) {
                if (!rows.isEmpty()) {
                    ScoredRow first = rows.getFirst();
                    store.recordAll(first.key(), first.benchmark(), first.info(), first.ceiling(),
                            rows.stream().map(ScoredRow::layer).toList());
                }
            }
        };
    }
}
