package org.brainalign.benchmarks.neural;

import org.brainalign.core.subject.Needs;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.brainalign.benchmarks.Benchmark;
import org.brainalign.benchmarks.Provenance;
import org.brainalign.benchmarks.RunOptions;
import org.brainalign.core.ceiling.Ceiling;
import org.brainalign.core.ceiling.ExtrapolationCeiling;
import org.brainalign.core.ceiling.SubsetPolicy;
import org.brainalign.core.linalg.DMatrix;
import org.brainalign.core.linalg.LinAlg;
import org.brainalign.core.metric.CrossRegressedCorrelation;
import org.brainalign.core.metric.MetricScore;
import org.brainalign.core.metric.NeuralMetric;
import org.brainalign.core.score.Bootstrap;
import org.brainalign.core.score.LayerScore;
import org.brainalign.core.score.Score;
import org.brainalign.core.subject.Modality;
import org.brainalign.core.subject.Region;
import org.brainalign.core.subject.Subject;
import org.brainalign.core.digest.Sha256;

/**
 * A neural benchmark assembled from its parts: data (loaded lazily, once), a {@link StimulusPlan}
 * (the context policy), a {@link MetricChoice} and a {@link CeilingPolicy}. Scoring records the
 * language system with the benchmark's modality, extracts every recorded layer in one pass over the
 * stimuli, scores each layer separately with the same prepared target, normalises each by the
 * ceiling, and reports the mean over layers as BSL does since PR #361 — with every layer's own
 * score, bootstrap interval and split × neuroid matrix kept.
 */
public final class NeuralBenchmark implements Benchmark {
    /** Everything that defines one benchmark. */
    public record Spec(String id, int version, String parent, String citation, String description, Modality modality,
            StimulusPlan plan, MetricChoice metric, CeilingPolicy ceiling, String subjectCoord) {}

    /**
     * Targets with at most this many neuroids (fROIs, a network average) also report each neuroid's
     * score (mean over splits) as a layer measure {@code neuroid:<neuroid_id>}, so the JSON and the
     * store keep it without {@code --full}.
     */
    public static final int PER_NEUROID_MEASURES_MAX = 12;

    private final Spec spec;
    private final Supplier<NeuralData> loader;
    private NeuralData data;
    private NeuralMetric metric;
    private NeuralMetric.Prepared prepared;
    private Ceiling computedCeiling;

    public NeuralBenchmark(Spec spec, Supplier<NeuralData> loader) {
        this.spec = spec;
        this.loader = loader;
    }

    @Override
    public String id() {
        return spec.id();
    }

    @Override
    public int version() {
        return spec.version();
    }

    @Override
    public String parent() {
        return spec.parent();
    }

    @Override
    public String citation() {
        return spec.citation();
    }

    @Override
    public String description() {
        return spec.description();
    }

    @Override
    public Needs needs() {
        return Needs.activations();
    }

    @Override
    public String contextPolicy() {
        return spec.plan().describe();
    }

    public Spec spec() {
        return spec;
    }

    /** The loaded data (loads on first use). */
    public synchronized NeuralData data() {
        if (data == null) {
            data = loader.get();
        }
        return data;
    }

    /** The stimulus calls of this benchmark's data. */
    public List<StimulusPlan.Call> calls() {
        return spec.plan().calls(data().target());
    }

    private synchronized NeuralMetric metric() {
        if (metric == null) {
            metric = spec.metric().create();
        }
        return metric;
    }

    private synchronized NeuralMetric.Prepared prepared() {
        if (prepared == null) {
            prepared = metric().prepare(data().target());
        }
        return prepared;
    }

    /** The ceiling this run uses: published unless recomputation is asked for or the data is simulated. */
    public synchronized Ceiling ceiling(RunOptions options) {
        CeilingPolicy policy = spec.ceiling();
        if (policy instanceof CeilingPolicy.None) {
            return Ceiling.none();
        }
        if (policy instanceof CeilingPolicy.Published p && !options.recomputeCeiling() && !data().simulated()) {
            return Ceiling.published(p.value(), p.citation());
        }
        if (computedCeiling == null) {
            SubsetPolicy subsets = policy instanceof CeilingPolicy.Published p ? p.recompute() : ((CeilingPolicy.Computed) policy).policy();
            NeuralMetric m = spec.metric().create();
            if (!(m instanceof CrossRegressedCorrelation crc)) {
                throw new IllegalStateException(spec.id() + ": extrapolation ceilings need a regression metric, not " + m.id());
            }
            ExtrapolationCeiling ec = new ExtrapolationCeiling(crc, subsets, spec.subjectCoord(), LinAlg.get());
            int subjects = data().target().coord(org.brainalign.core.assembly.Assembly.Dim.NEUROID, spec.subjectCoord())
                    .uniqueLabels().length;
            int visits = ec.visitCount(subjects);
            computedCeiling = ec.compute(data().target(), v -> options.progress().update("ceiling", v + 1, visits));
        }
        return computedCeiling;
    }

    /** SHA-256 over the modality and every call's parts: the stimuli as the subject sees them. */
    public static String stimuliHash(Modality modality, List<StimulusPlan.Call> calls) {
        java.security.MessageDigest md = Sha256.newDigest();
        md.update(modality.name().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        for (StimulusPlan.Call c : calls) {
            md.update((byte) 1);
            for (String part : c.parts()) {
                md.update((byte) 2);
                md.update(part.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        return Sha256.hex(md);
    }

    /** Scores already-extracted features (layer → presentations × units). */
    public Score scoreFeatures(String modelId, Map<String, DMatrix> features, RunOptions options) {
        return scoreFeatures(modelId, features, options, ceiling(options));
    }

    /** Scores already-extracted features against a given ceiling ({@link Ceiling#none()} for raw scores). */
    public Score scoreFeatures(String modelId, Map<String, DMatrix> features, RunOptions options, Ceiling ceiling) {
        NeuralMetric.Prepared p = prepared();
        List<LayerScore> layers = new ArrayList<>();
        int done = 0;
        for (Map.Entry<String, DMatrix> e : features.entrySet()) {
            requireFinite(e.getKey(), e.getValue());
            MetricScore s = metric().score(p, e.getValue());
            LayerScore layer = LayerScore.of(e.getKey(), s.value(), ceiling.value(),
                    Bootstrap.interval(s.splitByNeuroid(), options.bootstrapSeed()), s.splitByNeuroid(), s.note());
            layer = withNeuroidMeasures(layer, s);
            layers.add(layer);
            options.sink().accept(spec.id(), ceiling, layer);
            options.progress().update("layers", ++done, features.size());
        }
        return assemble(modelId, ceiling, layers, options.bootstrapSeed());
    }

    /**
     * Activations are checked finite before any metric sees them, so a NaN here is the metric's own value
     * on these recordings (Tuckute2024-rdm on its one neuroid, as in BSL).
     */
    @Override
    public boolean mayScoreNaN() {
        return true;
    }

    /** A non-finite activation never reaches a regression: an error naming the layer and the stimulus. */
    private void requireFinite(String layer, DMatrix features) {
        double[] d = features.data();
        for (int k = 0; k < d.length; k++) {
            if (!Double.isFinite(d[k])) {
                int row = k % features.rows();
                var target = data().target();
                String stimulus = target.hasCoord(org.brainalign.core.assembly.Assembly.Dim.PRESENTATION, "stimulus_id")
                        ? target.coord(org.brainalign.core.assembly.Assembly.Dim.PRESENTATION, "stimulus_id").label(row)
                        : "presentation " + row;
                throw new IllegalArgumentException(spec.id() + ": layer " + layer + " gives a non-finite activation (" + d[k]
                        + ") for stimulus " + stimulus + ", unit " + (k / features.rows())
                        + "; the model's weights or config are broken, and no score is made from them");
            }
        }
    }

    private LayerScore withNeuroidMeasures(LayerScore layer, MetricScore s) {
        var target = data().target();
        double[] perNeuroid = s.perNeuroid();
        if (target.neuroids() > PER_NEUROID_MEASURES_MAX || perNeuroid.length != target.neuroids()
                || !target.hasCoord(org.brainalign.core.assembly.Assembly.Dim.NEUROID, "neuroid_id")) {
            return layer;
        }
        var ids = target.coord(org.brainalign.core.assembly.Assembly.Dim.NEUROID, "neuroid_id");
        for (int j = 0; j < perNeuroid.length; j++) {
            layer = layer.withMeasure("neuroid:" + ids.label(j), perNeuroid[j]);
        }
        return layer;
    }

    /** The metric's own seeds and description, the bootstrap seed, and the ceiling's seed when it was computed. */
    @Override
    public Provenance provenance(long bootstrapSeed, Ceiling ceiling) {
        Map<String, Long> seeds = new LinkedHashMap<>(metric().seeds());
        seeds.put("bootstrap", bootstrapSeed);
        if (ceiling.isComputed()) {
            seeds.put("ceiling", ExtrapolationCeiling.SEED);
        }
        return new Provenance(seeds, data().checksums(), metric().describe(), simulated());
    }

    @Override
    public boolean simulated() {
        return data().simulated();
    }

    @Override
    public void prepareData() {
        data();
    }

    @Override
    public Score score(Subject subject, RunOptions options) {
        data(); // fail on missing or corrupt data before any model work
        List<StimulusPlan.Call> calls = calls();
        String stimuliHash = stimuliHash(spec.modality(), calls);
        var cached = options.cache().load(stimuliHash);
        Map<String, DMatrix> features;
        if (cached.isPresent()) {
            features = cached.get();
        } else {
            subject.startNeuralRecording(Region.LANGUAGE_SYSTEM, spec.modality());
            features = FeatureExtractor.extract(subject, calls, data().target().presentations(), options.progress());
            options.cache().save(stimuliHash, features);
        }
        return scoreFeatures(subject.id(), features, options);
    }
}
