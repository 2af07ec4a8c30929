package org.brainalign.benchmarks.futrell2018;

import org.brainalign.core.subject.Needs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.brainalign.benchmarks.Benchmark;
import org.brainalign.benchmarks.DataSource;
import org.brainalign.benchmarks.Provenance;
import org.brainalign.benchmarks.RunOptions;
import org.brainalign.benchmarks.data.DataVerifier;
import org.brainalign.core.ceiling.Ceiling;
import org.brainalign.core.metric.MetricScore;
import org.brainalign.core.metric.VectorMetrics;
import org.brainalign.core.score.Bootstrap;
import org.brainalign.core.score.LayerScore;
import org.brainalign.core.score.Score;
import org.brainalign.core.subject.Subject;
import org.brainalign.core.subject.SubjectOutput;
import org.brainalign.core.subject.Task;

/**
 * {@code Futrell2018-pearsonr}: the subject reads all 10,256 words of Natural Stories in one call
 * (context runs across stories, within the model's sliding window), reporting each word's surprisal
 * in bits; words that begin a sentence are dropped (every other word must get a finite surprisal,
 * else the run stops naming it) and the score is |Pearson r| between surprisal
 * and the mean reading time over readers. No fitting, no cross-validation. Ceiling: BSL's split-half
 * value 0.85804302 (the per-reader times needed to recompute it are not distributed with the corpus).
 */
public final class Futrell2018 implements Benchmark {
    /** BSL's published split-half ceiling. */
    public static final double CEILING = 0.85804302;

    private final DataSource source;
    private NaturalStories data;

    public Futrell2018(DataSource source) {
        this.source = source;
    }

    @Override
    public String id() {
        return "Futrell2018-pearsonr";
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public String parent() {
        return "behavior";
    }

    @Override
    public String citation() {
        return "Futrell et al. 2018, The Natural Stories Corpus (LREC)";
    }

    @Override
    public String description() {
        return "Natural Stories self-paced reading: |r| between per-word surprisal and mean reading time "
                + "(sentence-initial words dropped, BSL's 481 sentences); ceiling 0.858 (BSL split-half); reading times after the "
                + "corpus' 2020 story-3 re-alignment, which BSL's assembly predates (see 'brainalign data list')";
    }

    @Override
    public Needs needs() {
        return Needs.tasks(Task.READING_TIMES);
    }

    @Override
    public String contextPolicy() {
        return "one call over the whole corpus (10,256 words); context = all earlier words within the model's window";
    }

    public synchronized NaturalStories data() {
        if (data == null) {
            if (source.simulated()) {
                throw new IllegalArgumentException("Futrell2018 has no simulated variant; it reads the naturalstories data set");
            }
            data = NaturalStories.load(source.catalog().get("naturalstories"), source.directory().dataset("naturalstories"));
        }
        return data;
    }

    @Override
    public void prepareData() {
        data();
    }

    @Override
    public Score score(Subject subject, RunOptions options) {
        NaturalStories d = data();
        subject.startBehavioralTask(Task.READING_TIMES);
        options.progress().update("words", 0, d.words().size());
        SubjectOutput out = subject.digestText(d.words(), (done, total) -> options.progress().update("words", done, total));
        return scoreSurprisal(subject.id(), out.readingTimes(), options);
    }

    /** Scores per-word surprisals (one per corpus word, in reading order). */
    public Score scoreSurprisal(String modelId, double[] surprisal, RunOptions options) {
        NaturalStories d = data();
        if (surprisal.length != d.words().size()) {
            throw new IllegalArgumentException("expected " + d.words().size() + " surprisals, got " + surprisal.length);
        }
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (int i = 0; i < surprisal.length; i++) {
            if (!d.sentenceInitial()[i]) {
                if (!Double.isFinite(surprisal[i])) {
                    throw new IllegalStateException(modelId + " gave surprisal " + surprisal[i] + " to word " + i + " ('"
                            + d.words().get(i) + "', story " + d.story()[i] + ") of Natural Stories; every word but a "
                            + "sentence's first needs a finite surprisal, and no score is made without one");
                }
                x.add(surprisal[i]);
                y.add(d.meanRt()[i]);
            }
        }
        double[] xs = x.stream().mapToDouble(Double::doubleValue).toArray();
        double[] ys = y.stream().mapToDouble(Double::doubleValue).toArray();
        MetricScore m = VectorMetrics.pearsonrAbs(xs, ys);
        LayerScore layer = LayerScore.of("reading-times", m.value(), CEILING,
                Bootstrap.correlationInterval(xs, ys, options.bootstrapSeed()), m.splitByNeuroid(), m.note());
        return assemble(modelId, Ceiling.published(CEILING, "BSL Futrell2018 split-half"), List.of(layer), options.bootstrapSeed());
    }

    @Override
    public Provenance provenance(long bootstrapSeed, Ceiling ceiling) {
        return new Provenance(Map.of("bootstrap", bootstrapSeed), checksums(), "none (no fitting)");
    }

    private Map<String, String> checksums() {
        var dir = source.directory().dataset("naturalstories");
        try {
            return Map.of("naturalstories/naturalstories_RTS_all_stories.tok",
                    DataVerifier.sha256(dir.resolve("naturalstories_RTS_all_stories.tok")),
                    "naturalstories/naturalstories_RTS_processed_wordinfo.tsv",
                    DataVerifier.sha256(dir.resolve("naturalstories_RTS_processed_wordinfo.tsv")));
        } catch (java.io.IOException e) {
            throw new org.brainalign.benchmarks.data.DataMissingException("cannot checksum " + dir + ": " + e.getMessage(), e);
        }
    }
}
