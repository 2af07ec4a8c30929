package org.brainalign.benchmarks.frank2015;

import org.brainalign.core.subject.Needs;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.brainalign.benchmarks.Benchmark;
import org.brainalign.benchmarks.DataSource;
import org.brainalign.benchmarks.Provenance;
import org.brainalign.benchmarks.RunOptions;
import org.brainalign.benchmarks.data.DataVerifier;
import org.brainalign.core.ceiling.Ceiling;
import org.brainalign.core.metric.Stats;
import org.brainalign.core.score.Bootstrap;
import org.brainalign.core.score.Interval;
import org.brainalign.core.score.LayerScore;
import org.brainalign.core.score.Score;
import org.brainalign.core.subject.Subject;
import org.brainalign.core.subject.SubjectOutput;
import org.brainalign.core.subject.Task;

/**
 * {@code Frank2015-<component>}: how well a model's word surprisal tracks an ERP component of Frank
 * et al. (2015), EEG recorded while participants read 205 sentences word by word. Each sentence is
 * digested word by word in one call (context = its earlier words); a word's surprisal is in bits,
 * summed over its tokens. The statistic is Pearson r between surprisal and the component's amplitude
 * (averaged over participants) over the words the data covers except sentence-final ones
 * ({@code is_start_end}, excluded in the paper's analysis: their ERPs carry sentence wrap-up). The
 * score is the signed r in the direction the component is expected to go with surprisal: −r for the
 * negativities (ELAN, LAN, N400: more negative for less predictable words) and +r for the
 * positivities (EPNP, P600, PNP). The interval resamples sentences (the sampled units). No ceiling:
 * the per-participant data are not released with this file. Every scored word must get a finite
 * surprisal, else the run stops naming it.
 */
public final class Frank2015 implements Benchmark {
    /** The components that go more negative with surprisal. */
    private static final java.util.Set<String> NEGATIVITIES = java.util.Set.of("ELAN", "LAN", "N400");
    private final String component;
    private final DataSource source;
    private Frank2015Data data;
    private String sha256;

    private Frank2015(String component, DataSource source) {
        if (!Frank2015Data.COMPONENTS.contains(component)) {
            throw new IllegalArgumentException("unknown Frank2015 component '" + component + "'; known: "
                    + Frank2015Data.COMPONENTS);
        }
        this.component = component;
        this.source = source;
    }

    /** The benchmark of one ERP component (ELAN, LAN, N400, EPNP, P600 or PNP). */
    public static Frank2015 component(String component, DataSource source) {
        return new Frank2015(component, source);
    }

    /** +1 for a positivity, −1 for a negativity: the direction a larger surprisal should move it. */
    public double sign() {
        return NEGATIVITIES.contains(component) ? -1 : 1;
    }

    @Override
    public String id() {
        return "Frank2015-" + component;
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public String parent() {
        return null; // beyond BSL: not part of its leaderboard
    }

    @Override
    public String citation() {
        return "Frank, Otten, Galli & Vigliocco 2015, The ERP response to the amount of information conveyed by words in "
                + "sentences (Brain and Language)";
    }

    @Override
    public String description() {
        return String.format(Locale.ROOT, "Frank2015 EEG, %s amplitude of the words of 205 sentences (sentence-final words "
                + "excluded), averaged over participants; score = %sr(surprisal in bits, amplitude), interval over sentences; "
                + "no ceiling (raw score)", component, sign() < 0 ? "−" : "+");
    }

    @Override
    public Needs needs() {
        return Needs.tasks(Task.READING_TIMES);
    }

    @Override
    public String contextPolicy() {
        return "one call per sentence, word by word; context = the sentence's earlier words";
    }

    /** The data, read on first use. */
    public synchronized Frank2015Data data() {
        if (data == null) {
            if (source.simulated()) {
                throw new IllegalArgumentException("Frank2015 has no simulated variant; it reads the frank2015-eeg data set");
            }
            sha256 = DataVerifier.requirePinned(source.catalog().get("frank2015-eeg"), source.directory(), "all_measures.csv");
            data = Frank2015Data.load(source.directory().dataset("frank2015-eeg"));
        }
        return data;
    }

    @Override
    public void prepareData() {
        data();
    }

    @Override
    public Score score(Subject subject, RunOptions options) {
        Frank2015Data d = data();
        subject.startBehavioralTask(Task.READING_TIMES);
        double[][] perSentence = new double[d.sentences().size()][];
        for (int s = 0; s < perSentence.length; s++) {
            options.progress().update("sentences", s, perSentence.length);
            SubjectOutput out = subject.digestText(d.sentences().get(s));
            perSentence[s] = out.readingTimes();
        }
        options.progress().update("sentences", perSentence.length, perSentence.length);
        double[] surprisal = new double[d.rows()];
        for (int r = 0; r < d.rows(); r++) {
            surprisal[r] = perSentence[d.rowSentence()[r]][d.rowPosition()[r]];
        }
        return scoreSurprisal(subject.id(), surprisal, options);
    }

    /** Scores one surprisal per data row (reading order, as {@link Frank2015Data} orders rows). */
    public Score scoreSurprisal(String modelId, double[] surprisal, RunOptions options) {
        Frank2015Data d = data();
        if (surprisal.length != d.rows()) {
            throw new IllegalArgumentException("expected " + d.rows() + " surprisals, got " + surprisal.length);
        }
        double[] amplitude = d.column(component);
        int n = 0;
        for (int r = 0; r < d.rows(); r++) {
            if (!d.sentenceFinal()[r]) {
                n++;
            }
        }
        double[] x = new double[n];
        double[] y = new double[n];
        int[] cluster = new int[n];
        int k = 0;
        for (int r = 0; r < d.rows(); r++) {
            if (d.sentenceFinal()[r]) {
                continue;
            }
            if (!Double.isFinite(surprisal[r])) {
                List<String> words = d.sentences().get(d.rowSentence()[r]);
                throw new IllegalStateException(modelId + " gave surprisal " + surprisal[r] + " to word " + d.rowPosition()[r]
                        + " ('" + words.get(d.rowPosition()[r]) + "') of Frank2015 sentence " + d.sentenceIds().get(d.rowSentence()[r])
                        + " '" + String.join(" ", words) + "'; every scored word needs a finite surprisal");
            }
            x[k] = surprisal[r];
            y[k] = amplitude[r];
            cluster[k++] = d.rowSentence()[r];
        }
        double r = Stats.pearson(x, y);
        double value = sign() * r;
        Interval interval = Bootstrap.clusteredCorrelationInterval(x, y, cluster, sign(), options.bootstrapSeed());
        String note = String.format(Locale.ROOT, "signed r %.4f over %d words of %d sentences; score = %s", r, n,
                d.sentences().size(), sign() < 0 ? "-r" : "+r");
        LayerScore layer = LayerScore.of("surprisal", value, Double.NaN, interval, new double[][] {{value}}, note);
        return assemble(modelId, Ceiling.none(), List.of(layer), options.bootstrapSeed());
    }

    @Override
    public Provenance provenance(long bootstrapSeed, Ceiling ceiling) {
        data();
        return new Provenance(Map.of("bootstrap", bootstrapSeed), Map.of("frank2015-eeg/all_measures.csv", sha256),
                "none (no fitting); bootstrap over sentences");
    }
}
