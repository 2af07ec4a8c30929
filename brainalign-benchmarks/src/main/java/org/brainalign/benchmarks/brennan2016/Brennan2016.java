package org.brainalign.benchmarks.brennan2016;

import org.brainalign.core.subject.Needs;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.brainalign.benchmarks.Benchmark;
import org.brainalign.benchmarks.DataSource;
import org.brainalign.benchmarks.Provenance;
import org.brainalign.benchmarks.RunOptions;
import org.brainalign.benchmarks.data.DataVerifier;
import org.brainalign.benchmarks.neural.FeatureExtractor;
import org.brainalign.benchmarks.neural.NeuralBenchmark;
import org.brainalign.benchmarks.neural.StimulusPlan;
import org.brainalign.core.ceiling.Ceiling;
import org.brainalign.core.linalg.DMatrix;
import org.brainalign.core.linalg.LinAlg;
import org.brainalign.core.metric.Stats;
import org.brainalign.core.regression.FoldSpectrum;
import org.brainalign.core.regression.FoldTargets;
import org.brainalign.core.regression.Ols;
import org.brainalign.core.regression.RidgeGcv;
import org.brainalign.core.score.Bootstrap;
import org.brainalign.core.score.Interval;
import org.brainalign.core.score.LayerScore;
import org.brainalign.core.score.Score;
import org.brainalign.core.subject.Modality;
import org.brainalign.core.subject.Region;
import org.brainalign.core.subject.Subject;
import org.brainalign.core.subject.Task;

/**
 * Brennan et al. (2016): fMRI while participants listened to chapter 1 of <i>Alice in Wonderland</i>,
 * scored as a time series — what no BSL benchmark does.
 *
 * <p>{@code Brennan2016-ridge} (6 mm ROIs; {@code Brennan2016.10mm-ridge} for 10 mm): the story is
 * digested in one call, word by word (sliding window as for Futrell2018), and each word's state per
 * layer is its representation. Per fold and layer, the representations are reduced to
 * {@value #COMPONENTS} principal components fit on the words heard during the training volumes only;
 * each component's word impulses at their onsets are convolved with SPM's canonical HRF
 * ({@link Hrf}) and sampled at the volume times ({@link BrennanData#volumeZero}), then standardised on
 * the training volumes. Each ROI time course is z-scored, and motion (6), sound power and word rate are
 * regressed out with coefficients fit on the training volumes. Ridge (GCV over BSL's alphas, one
 * alpha per time course) maps the regressors to every (participant, ROI) time course; the score of a
 * time course is Pearson r on the held-out volumes, averaged over {@link TimeSeriesFolds} (5
 * contiguous blocks, 5 volumes dropped at each boundary). Aggregate: median over participants per
 * ROI, mean over ROIs; the interval resamples participants. Ceiling: per ROI and participant, the
 * correlation of the participant's nuisance-regressed time course with the mean of the others'
 * (leave-one-participant-out inter-subject correlation), aggregated the same way.
 *
 * <p>{@code Brennan2016-surprisal}: the HRF-convolved word surprisal (bits) added to the nuisance
 * model (OLS, same folds); the score is the gain in held-out r over the nuisance model alone, median
 * over participants per ROI, mean over ROIs, with a paired interval over participants. No ceiling.
 */
public final class Brennan2016 implements Benchmark {
    /** Principal components kept per layer. */
    public static final int COMPONENTS = 20;
    /** The cross-validation. */
    public static final TimeSeriesFolds FOLDS = new TimeSeriesFolds(BrennanData.VOLUMES, 5, 5);

    /** What is scored. */
    public enum Kind { RIDGE, SURPRISAL }

    private final Kind kind;
    private final String radius;
    private final DataSource source;
    private BrennanData data;
    private String textGridSha;
    private Ceiling ceiling;

    private Brennan2016(Kind kind, String radius, DataSource source) {
        this.kind = kind;
        this.radius = radius;
        this.source = source;
    }

    /** {@code Brennan2016-ridge} (6 mm) or {@code Brennan2016.10mm-ridge}. */
    public static Brennan2016 ridge(String radius, DataSource source) {
        return new Brennan2016(Kind.RIDGE, radius, source);
    }

    /** {@code Brennan2016-surprisal} (6 mm ROIs). */
    public static Brennan2016 surprisal(DataSource source) {
        return new Brennan2016(Kind.SURPRISAL, "6mm", source);
    }

    @Override
    public String id() {
        return "Brennan2016" + (radius.equals("6mm") ? "" : "." + radius) + (kind == Kind.RIDGE ? "-ridge" : "-surprisal");
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
        return "Brennan, Stabler, Van Wagenen, Luh & Hale 2016, Abstract linguistic structure correlates with temporal "
                + "activity during naturalistic comprehension (Brain and Language)";
    }

    @Override
    public String description() {
        return kind == Kind.RIDGE
                ? "Brennan2016 fMRI, Alice in Wonderland ch. 1 (12 min, 362 volumes), 6 ROIs (" + radius + ") x participants; "
                        + COMPONENTS + " PCs per layer (fit on training words), HRF-convolved; nuisance (motion, sound power, "
                        + "word rate) regressed out; ridge (GCV); " + FOLDS.describe() + "; median over participants, mean "
                        + "over ROIs; ceiling: leave-one-participant-out inter-subject correlation"
                : "Brennan2016 fMRI, Alice in Wonderland ch. 1, 6 ROIs (6mm) x participants; gain in held-out r when the "
                        + "HRF-convolved word surprisal joins the nuisance model (OLS; " + FOLDS.describe() + "); median over "
                        + "participants, mean over ROIs; no ceiling (raw gain)";
    }

    @Override
    public Needs needs() {
        return kind == Kind.SURPRISAL ? Needs.tasks(Task.READING_TIMES) : Needs.activations();
    }

    @Override
    public String contextPolicy() {
        return "one call over the whole story (2,127 words) in onset order; context = all earlier words within the model's window";
    }

    /** The data, read and aligned on first use. */
    public synchronized BrennanData data() {
        if (data == null) {
            if (source.simulated()) {
                throw new IllegalArgumentException("Brennan2016 has no simulated variant; it reads the brennan2016-alice data set");
            }
            textGridSha = DataVerifier.requirePinned(source.catalog().get("brennan2016-alice"), source.directory(),
                    BrennanData.TEXTGRID);
            data = BrennanData.load(source.directory().dataset("brennan2016-alice"), radius);
        }
        return data;
    }

    @Override
    public void prepareData() {
        data();
    }

    private List<String> words() {
        return data().words().stream().map(BrennanData.Word::text).toList();
    }

    private double[] onsets() {
        return data().words().stream().mapToDouble(BrennanData.Word::onset).toArray();
    }

    @Override
    public Score score(Subject subject, RunOptions options) {
        BrennanData d = data();
        List<StimulusPlan.Call> calls = List.of(new StimulusPlan.Call(words(), range(d.words().size())));
        if (kind == Kind.SURPRISAL) {
            subject.startBehavioralTask(Task.READING_TIMES);
            double[] s = subject.digestText(words(), (done, total) -> options.progress().update("words", done, total)).readingTimes();
            return scoreSurprisal(subject.id(), s, options);
        }
        String hash = NeuralBenchmark.stimuliHash(Modality.FMRI, calls);
        var cached = options.cache().load(hash);
        Map<String, DMatrix> features;
        if (cached.isPresent()) {
            features = cached.get();
        } else {
            subject.startNeuralRecording(Region.LANGUAGE_SYSTEM, Modality.FMRI);
            features = FeatureExtractor.extract(subject, calls, d.words().size(), options.progress());
            options.cache().save(hash, features);
        }
        return scoreFeatures(subject.id(), features, options);
    }

    private static int[] range(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            r[i] = i;
        }
        return r;
    }

    /** The volume × word HRF matrix: entry (k, w) = h(t<sub>k</sub> − onset<sub>w</sub>). */
    private DMatrix hrfMatrix() {
        double[] times = data().volumeTimes();
        double[] onsets = onsets();
        DMatrix h = DMatrix.zeros(times.length, onsets.length);
        for (int w = 0; w < onsets.length; w++) {
            for (int k = 0; k < times.length; k++) {
                h.set(k, w, Hrf.at(times[k] - onsets[w]));
            }
        }
        return h;
    }

    /** Nuisance regressors of a participant: motion (6), sound power, word rate — volumes × 8. */
    private static DMatrix nuisance(BrennanData.Participant p) {
        DMatrix n = DMatrix.zeros(BrennanData.VOLUMES, 8);
        for (int k = 0; k < BrennanData.VOLUMES; k++) {
            for (int j = 0; j < 6; j++) {
                n.set(k, j, p.motion()[k][j]);
            }
            n.set(k, 6, p.soundPower()[k]);
            n.set(k, 7, p.rate()[k]);
        }
        return n;
    }

    /** A participant's z-scored ROI time courses (volumes × 6). */
    private static DMatrix zscored(BrennanData.Participant p) {
        DMatrix y = DMatrix.zeros(BrennanData.VOLUMES, 6);
        for (int r = 0; r < 6; r++) {
            double[] c = new double[BrennanData.VOLUMES];
            for (int k = 0; k < c.length; k++) {
                c[k] = p.rois()[k][r];
            }
            double m = Stats.nanMean(c);
            double ss = 0;
            for (double v : c) {
                ss += (v - m) * (v - m);
            }
            double sd = Math.sqrt(ss / c.length);
            for (int k = 0; k < c.length; k++) {
                y.set(k, r, (c[k] - m) / sd);
            }
        }
        return y;
    }

    /** Y − OLS(Y ~ 1 + N) with coefficients fit on {@code fitRows}, for every volume. */
    private static DMatrix residualize(LinAlg la, DMatrix y, DMatrix n, int[] fitRows) {
        FoldSpectrum s = FoldSpectrum.ofFeatures(la, n.selectRows(fitRows), n);
        DMatrix fitted = new Ols().fit(la, s, new FoldTargets(y.selectRows(fitRows))).predict(la);
        DMatrix out = y.copy();
        double[] o = out.data();
        double[] f = fitted.data();
        for (int i = 0; i < o.length; i++) {
            o[i] -= f[i];
        }
        return out;
    }

    private static int[] allVolumes() {
        return range(BrennanData.VOLUMES);
    }

    /** The leave-one-participant-out inter-subject correlation, [ROI][participant], on nuisance-regressed time courses. */
    private double[][] interSubject(LinAlg la) {
        List<BrennanData.Participant> ps = data().participants();
        List<DMatrix> y = new ArrayList<>();
        for (BrennanData.Participant p : ps) {
            y.add(residualize(la, zscored(p), nuisance(p), allVolumes()));
        }
        double[][] isc = new double[6][ps.size()];
        for (int r = 0; r < 6; r++) {
            for (int i = 0; i < ps.size(); i++) {
                double[] mine = y.get(i).column(r);
                double[] others = new double[BrennanData.VOLUMES];
                for (int j = 0; j < ps.size(); j++) {
                    if (j != i) {
                        double[] c = y.get(j).column(r);
                        for (int k = 0; k < others.length; k++) {
                            others[k] += c[k] / (ps.size() - 1);
                        }
                    }
                }
                isc[r][i] = Stats.pearson(mine, others);
            }
        }
        return isc;
    }

    /** The ceiling of the ridge benchmark, computed once from the data. */
    public synchronized Ceiling ceiling(long bootstrapSeed) {
        if (ceiling == null) {
            double[][] isc = interSubject(LinAlg.get());
            Interval iv = Bootstrap.interval(isc, bootstrapSeed);
            ceiling = new Ceiling(aggregate(isc), iv.lower(), iv.upper(), perRoi(isc),
                    "leave-one-participant-out inter-subject correlation (median over participants, mean over ROIs)");
        }
        return ceiling;
    }

    /** Mean over ROIs of the median over participants. */
    static double aggregate(double[][] roiByParticipant) {
        return Stats.nanMean(perRoi(roiByParticipant));
    }

    private static double[] perRoi(double[][] roiByParticipant) {
        double[] m = new double[roiByParticipant.length];
        for (int r = 0; r < m.length; r++) {
            m[r] = Stats.nanMedian(roiByParticipant[r]);
        }
        return m;
    }

    /** Scores already-extracted word features (layer → words × units). */
    public Score scoreFeatures(String modelId, Map<String, DMatrix> features, RunOptions options) {
        BrennanData d = data();
        LinAlg la = LinAlg.get();
        Ceiling c = ceiling(options.bootstrapSeed());
        DMatrix h = hrfMatrix();
        List<BrennanData.Participant> ps = d.participants();
        // Each word's volume (the one its onset falls in), to pick the words heard during training volumes.
        int[] wordVolume = d.words().stream().mapToInt(w -> (int) Math.floor((w.onset() - d.volumeZero()) / BrennanData.TR))
                .toArray();
        List<DMatrix> zs = ps.stream().map(Brennan2016::zscored).toList();
        List<DMatrix> ns = ps.stream().map(Brennan2016::nuisance).toList();
        // What a fold needs besides the features is the same for every layer: compute it once.
        List<FoldSetup> folds = new ArrayList<>();
        for (TimeSeriesFolds.Fold fold : FOLDS.folds()) {
            boolean[] isTrain = new boolean[BrennanData.VOLUMES];
            for (int v : fold.train()) {
                isTrain[v] = true;
            }
            List<Integer> trainWords = new ArrayList<>();
            for (int w = 0; w < wordVolume.length; w++) {
                if (wordVolume[w] >= 0 && wordVolume[w] < BrennanData.VOLUMES && isTrain[wordVolume[w]]) {
                    trainWords.add(w);
                }
            }
            // Targets: every participant's six nuisance-regressed time courses, side by side.
            DMatrix yTrain = DMatrix.zeros(fold.train().length, 6 * ps.size());
            DMatrix yTest = DMatrix.zeros(fold.test().length, 6 * ps.size());
            for (int p = 0; p < ps.size(); p++) {
                DMatrix res = residualize(la, zs.get(p), ns.get(p), fold.train());
                for (int roi = 0; roi < 6; roi++) {
                    for (int i = 0; i < fold.train().length; i++) {
                        yTrain.set(i, p * 6 + roi, res.get(fold.train()[i], roi));
                    }
                    for (int i = 0; i < fold.test().length; i++) {
                        yTest.set(i, p * 6 + roi, res.get(fold.test()[i], roi));
                    }
                }
            }
            folds.add(new FoldSetup(fold, trainWords.stream().mapToInt(Integer::intValue).toArray(), new FoldTargets(yTrain),
                    yTest));
        }
        List<LayerScore> layers = new ArrayList<>();
        int done = 0;
        for (Map.Entry<String, DMatrix> e : features.entrySet()) {
            DMatrix f = e.getValue();
            requireFinite(e.getKey(), f);
            double[][] r = new double[6][ps.size()]; // mean held-out r per ROI and participant
            for (FoldSetup fs : folds) {
                DMatrix scores = WordComponents.scores(la, f, fs.trainWords(), COMPONENTS);
                DMatrix design = standardized(la.multiply(false, h, false, scores), fs.fold().train());
                FoldSpectrum spectrum = FoldSpectrum.ofFeatures(la, design.selectRows(fs.fold().train()),
                        design.selectRows(fs.fold().test()));
                DMatrix predicted = new RidgeGcv(RidgeGcv.BSL_ALPHAS, true).fit(la, spectrum, fs.yTrain()).predict(la);
                for (int p = 0; p < ps.size(); p++) {
                    for (int roi = 0; roi < 6; roi++) {
                        r[roi][p] += Stats.pearson(predicted.column(p * 6 + roi), fs.yTest().column(p * 6 + roi)) / FOLDS.blocks();
                    }
                }
            }
            LayerScore layer = LayerScore.of(e.getKey(), aggregate(r), c.value(), Bootstrap.interval(r, options.bootstrapSeed()), r,
                    note(d));
            layer = withRoiMeasures(layer, r, options.bootstrapSeed());
            layers.add(layer);
            options.sink().accept(id(), c, layer);
            options.progress().update("layers", ++done, features.size());
        }
        return assemble(modelId, c, layers, options.bootstrapSeed());
    }

    /** One fold's layer-independent parts: the training words and the nuisance-regressed targets. */
    private record FoldSetup(TimeSeriesFolds.Fold fold, int[] trainWords, FoldTargets yTrain, DMatrix yTest) {}

    private String note(BrennanData d) {
        return String.format(Locale.ROOT, "%d participants (%s), volume 0 at %.2f s (word-rate match r >= %.3f)",
                d.participants().size(), d.rejected().isEmpty() ? "none left out" : "left out: " + String.join("; ",
                        d.rejected().stream().map(s -> s.substring(0, s.indexOf(':'))).toList()), d.volumeZero(),
                java.util.Arrays.stream(d.rateMatch()).min().orElse(Double.NaN));
    }

    private static LayerScore withRoiMeasures(LayerScore layer, double[][] r, long seed) {
        for (int roi = 0; roi < 6; roi++) {
            String name = "roi:" + BrennanData.ROIS.get(roi);
            Interval iv = Bootstrap.interval(new double[][] {r[roi]}, seed);
            layer = layer.withMeasure(name, Stats.nanMedian(r[roi])).withMeasure(name + ":lower", iv.lower())
                    .withMeasure(name + ":upper", iv.upper());
        }
        return layer;
    }

    /** Columns z-scored with the mean and standard deviation of {@code rows}. */
    private static DMatrix standardized(DMatrix x, int[] rows) {
        DMatrix out = x.copy();
        for (int j = 0; j < x.cols(); j++) {
            double m = 0;
            for (int i : rows) {
                m += x.get(i, j);
            }
            m /= rows.length;
            double ss = 0;
            for (int i : rows) {
                ss += (x.get(i, j) - m) * (x.get(i, j) - m);
            }
            double sd = Math.sqrt(ss / rows.length);
            for (int i = 0; i < x.rows(); i++) {
                out.set(i, j, sd > 0 ? (x.get(i, j) - m) / sd : 0);
            }
        }
        return out;
    }

    private void requireFinite(String layer, DMatrix f) {
        double[] v = f.data();
        for (int k = 0; k < v.length; k++) {
            if (!Double.isFinite(v[k])) {
                int word = k % f.rows();
                throw new IllegalArgumentException(id() + ": layer " + layer + " gives a non-finite activation (" + v[k]
                        + ") for word " + word + " ('" + data().words().get(word).text() + "'); no score is made from it");
            }
        }
    }

    /**
     * Scores one surprisal (bits) per story word: the gain in held-out r when its HRF-convolved
     * regressor joins the nuisance model. The first word may be NaN (no context); it then takes the
     * mean of the others. Any other non-finite surprisal is an error naming the word.
     */
    public Score scoreSurprisal(String modelId, double[] surprisal, RunOptions options) {
        BrennanData d = data();
        if (surprisal.length != d.words().size()) {
            throw new IllegalArgumentException("expected " + d.words().size() + " surprisals, got " + surprisal.length);
        }
        double[] s = surprisal.clone();
        double sum = 0;
        for (int w = 1; w < s.length; w++) {
            if (!Double.isFinite(s[w])) {
                throw new IllegalStateException(modelId + " gave surprisal " + s[w] + " to word " + w + " ('"
                        + d.words().get(w).text() + "') of the Alice story; every word but the first needs a finite surprisal");
            }
            sum += s[w];
        }
        if (!Double.isFinite(s[0])) {
            s[0] = sum / (s.length - 1);
        }
        LinAlg la = LinAlg.get();
        double[] regressor = Hrf.convolve(onsets(), s, d.volumeTimes());
        List<BrennanData.Participant> ps = d.participants();
        double[][] gain = new double[6][ps.size()];
        double[][] base = new double[6][ps.size()];
        for (int p = 0; p < ps.size(); p++) {
            DMatrix y = zscored(ps.get(p));
            DMatrix n = nuisance(ps.get(p));
            DMatrix full = DMatrix.zeros(BrennanData.VOLUMES, 9);
            for (int k = 0; k < BrennanData.VOLUMES; k++) {
                for (int j = 0; j < 8; j++) {
                    full.set(k, j, n.get(k, j));
                }
                full.set(k, 8, regressor[k]);
            }
            for (TimeSeriesFolds.Fold fold : FOLDS.folds()) {
                DMatrix yTrain = y.selectRows(fold.train());
                DMatrix yTest = y.selectRows(fold.test());
                DMatrix pn = new Ols().fit(la, FoldSpectrum.ofFeatures(la, n.selectRows(fold.train()), n.selectRows(fold.test())),
                        new FoldTargets(yTrain)).predict(la);
                DMatrix pf = new Ols().fit(la, FoldSpectrum.ofFeatures(la, full.selectRows(fold.train()),
                        full.selectRows(fold.test())), new FoldTargets(yTrain)).predict(la);
                for (int roi = 0; roi < 6; roi++) {
                    double rn = Stats.pearson(pn.column(roi), yTest.column(roi));
                    double rf = Stats.pearson(pf.column(roi), yTest.column(roi));
                    base[roi][p] += rn / FOLDS.blocks();
                    gain[roi][p] += (rf - rn) / FOLDS.blocks();
                }
            }
        }
        LayerScore layer = LayerScore.of("surprisal", aggregate(gain), Double.NaN, Bootstrap.interval(gain, options.bootstrapSeed()),
                gain, note(d) + String.format(Locale.ROOT, "; nuisance-only held-out r %.4f", aggregate(base)));
        layer = withRoiMeasures(layer, gain, options.bootstrapSeed());
        for (int roi = 0; roi < 6; roi++) {
            layer = layer.withMeasure("nuisance:" + BrennanData.ROIS.get(roi), Stats.nanMedian(base[roi]));
        }
        options.sink().accept(id(), Ceiling.none(), layer);
        return assemble(modelId, Ceiling.none(), List.of(layer), options.bootstrapSeed());
    }

    @Override
    public Provenance provenance(long bootstrapSeed, Ceiling ceiling) {
        data();
        Map<String, Long> seeds = new LinkedHashMap<>();
        seeds.put("bootstrap", bootstrapSeed);
        return new Provenance(seeds, Map.of("brennan2016-alice/" + BrennanData.TEXTGRID, textGridSha),
                (kind == Kind.RIDGE ? "ridge (GCV, alpha per time course) on " + COMPONENTS + " PCs per layer; " : "OLS; ")
                        + FOLDS.describe());
    }
}
