package org.brainalign.benchmarks.pereira2018;

import java.util.ArrayList;
import java.util.List;
import org.brainalign.benchmarks.DataSource;
import org.brainalign.benchmarks.neural.CeilingPolicy;
import org.brainalign.benchmarks.neural.MetricChoice;
import org.brainalign.benchmarks.neural.NeuralBenchmark;
import org.brainalign.benchmarks.neural.NeuralData;
import org.brainalign.benchmarks.neural.RealData;
import org.brainalign.benchmarks.neural.StimulusPlan;
import org.brainalign.benchmarks.simulate.Simulation;
import org.brainalign.benchmarks.simulate.SyntheticText;
import org.brainalign.core.assembly.Assembly;
import org.brainalign.core.assembly.Coordinate;
import org.brainalign.core.ceiling.SubsetPolicy;
import org.brainalign.core.subject.Modality;

/**
 * Pereira et al. 2018 fMRI benchmarks ({@code Pereira2018.language}): experiment 3 (243 sentences,
 * 6 subjects, 8,031 voxels after dropping NaN voxels) and experiment 2 (384 sentences, 8 subjects,
 * 12,155 voxels). One {@code digestText} per passage ({@code passage_label}, sorted), so context is
 * the earlier sentences of the passage. {@code -linear-shuffle}: OLS with ShuffleSplit; {@code -ridge}:
 * ridge GCV with GroupKFold(10) by {@code story} (experiment + passage category, i.e. topic).
 * Published ceilings: linear 0.35378928 / 0.36343748, ridge 0.1337 / 0.1352.
 */
public final class Pereira2018 {
    /** The two experiments. */
    public enum Experiment {
        E243("243sentences", 0.35378928, 0.1337),
        E384("384sentences", 0.36343748, 0.1352);

        final String label;
        final double linearCeiling;
        final double ridgeCeiling;

        Experiment(String label, double linearCeiling, double ridgeCeiling) {
            this.label = label;
            this.linearCeiling = linearCeiling;
            this.ridgeCeiling = ridgeCeiling;
        }

        public String label() {
            return label;
        }
    }

    static final String DATASET = "pereira2018";
    /** The publication of the data. */
    public static final String CITATION = "Pereira et al. 2018, Toward a universal decoder of linguistic meaning from brain "
            + "activation (Nat Commun)";
    static final StimulusPlan PLAN = new StimulusPlan("stimulus", "passage_label", null);

    private Pereira2018() {}

    /** The benchmark for one experiment and metric. */
    public static NeuralBenchmark benchmark(Experiment e, MetricChoice.Kind kind, DataSource source) {
        boolean ridge = kind == MetricChoice.Kind.RIDGE;
        String id = "Pereira2018." + e.label + (ridge ? "-ridge" : "-linear-shuffle");
        MetricChoice metric = ridge ? MetricChoice.ridge(10, "story") : MetricChoice.linearShuffle();
        double published = ridge ? e.ridgeCeiling : e.linearCeiling;
        String description = "Pereira2018 fMRI, experiment " + e.label + ", language-network voxels; " + metric.create().describe()
                + "; ceiling " + published + " (BSL)";
        NeuralBenchmark.Spec spec = new NeuralBenchmark.Spec(id, 1, "Pereira2018", CITATION, description, Modality.FMRI, PLAN, metric,
                new CeilingPolicy.Published(published, "BSL precomputed Pereira2018 " + e.label + (ridge ? " ridge" : " linear"),
                        SubsetPolicy.PEREIRA), "subject");
        return new NeuralBenchmark(spec, () -> source.simulated() ? simulated(e, source).data() : real(e, source));
    }

    /**
     * {@code Pereira2018.<exp>-network-linear-shuffle} / {@code -network-ridge}: the real language-network
     * response per sentence ({@link PereiraNetworkData}) — the voxel benchmarks' presentation (one call
     * per passage), splits (ShuffleSplit on stimulus_id, seed 1; GroupKFold(10, shuffle, seed 1234) by
     * {@code story}) and metric, on one neuroid. No ceiling exists for this average: the score is raw.
     * Not ranked on the leaderboard (BSL has no such benchmark).
     */
    public static NeuralBenchmark networkBenchmark(Experiment e, MetricChoice.Kind kind, DataSource source) {
        boolean ridge = kind == MetricChoice.Kind.RIDGE;
        String id = "Pereira2018." + e.label + "-network" + (ridge ? "-ridge" : "-linear-shuffle");
        MetricChoice metric = ridge ? MetricChoice.ridge(10, "story") : MetricChoice.linearShuffle();
        String description = "Pereira2018 fMRI, experiment " + e.label + ", the real language-network response per sentence "
                + "(effect size averaged over the 5 LH language fROIs and the participants), " + source.sentences().name()
                .toLowerCase() + " sentences; " + metric.create().describe()
                + "; no ceiling exists for the network average (raw score)";
        NeuralBenchmark.Spec spec = new NeuralBenchmark.Spec(id, 1, null, CITATION, description, Modality.FMRI, PLAN, metric,
                new CeilingPolicy.None(), "subject");
        return new NeuralBenchmark(spec, () -> {
            if (source.simulated()) {
                throw new IllegalArgumentException(id + " has no simulated variant; it reads the real "
                        + PereiraNetworkData.FILE);
            }
            return PereiraNetworkData.load(source, e);
        });
    }

    static NeuralData real(Experiment e, DataSource source) {
        NeuralData all = RealData.load(source, DATASET);
        Assembly a = all.target().sel(Assembly.Dim.PRESENTATION, "experiment", e.label).dropNaNNeuroids();
        if (!a.hasCoord(Assembly.Dim.PRESENTATION, "story")) {
            a = withStory(a);
        }
        return new NeuralData(a, all.checksums(), false);
    }

    /** Adds BSL's {@code story} grouping: experiment + "." + passage_category. */
    static Assembly withStory(Assembly a) {
        Coordinate exp = a.coord(Assembly.Dim.PRESENTATION, "experiment");
        Coordinate cat = a.coord(Assembly.Dim.PRESENTATION, "passage_category");
        String[] story = new String[a.presentations()];
        for (int i = 0; i < story.length; i++) {
            story[i] = exp.label(i) + "." + cat.label(i);
        }
        List<Coordinate> pres = new ArrayList<>(a.coords(Assembly.Dim.PRESENTATION));
        pres.add(new Coordinate.Text("story", story));
        return new Assembly(a.values(), pres, a.coords(Assembly.Dim.NEUROID));
    }

    /** {@link #simulatedFull(DataSource)} with the environment's data directory. */
    public static Simulation.Result simulatedFull() {
        return simulatedFull(DataSource.simulatedData());
    }

    /**
     * The simulated {@code Pereira2018.language}: 627 sentences — experiment 384 as 96 passages of 4
     * in 24 topics, experiment 243 as 72 passages (27 of 4 sentences, 45 of 3) in 24 topics — and 10
     * subjects: 4 who did both experiments, 2 only the 243 and 4 only the 384 one, with voxel counts
     * that give BSL's 8,031 and 12,155 voxels per experiment after dropping NaN voxels. The sentences,
     * passages and topics are the real ones ({@link PereiraNetworkData}) when the data directory has
     * them, so feature extraction costs and sees what it would on the real recordings; otherwise
     * synthetic text with the same structure. Which one is recorded in the data checksums.
     */
    public static Simulation.Result simulatedFull(DataSource source) {
        List<String> ids = new ArrayList<>();
        List<String> stim = new ArrayList<>();
        List<String> passage = new ArrayList<>();
        List<String> category = new ArrayList<>();
        List<String> experiment = new ArrayList<>();
        boolean realText = java.nio.file.Files.isRegularFile(
                source.directory().dataset(PereiraNetworkData.DATASET).resolve(PereiraNetworkData.FILE));
        if (realText) {
            for (Experiment e : new Experiment[] {Experiment.E384, Experiment.E243}) {
                Assembly a = PereiraNetworkData.load(source.withSentences(DataSource.Sentences.DEREFERENCED), e).target();
                for (int i = 0; i < a.presentations(); i++) {
                    ids.add(a.coord(Assembly.Dim.PRESENTATION, "stimulus_id").label(i));
                    stim.add(a.coord(Assembly.Dim.PRESENTATION, "stimulus").label(i));
                    passage.add(a.coord(Assembly.Dim.PRESENTATION, "passage_label").label(i));
                    category.add(a.coord(Assembly.Dim.PRESENTATION, "passage_category").label(i));
                    experiment.add(e.label);
                }
            }
        } else {
            SyntheticText text = new SyntheticText(2018);
            int[] passageSizes384 = new int[96];
            java.util.Arrays.fill(passageSizes384, 4);
            int[] passageSizes243 = new int[72];
            for (int p = 0; p < 72; p++) {
                passageSizes243[p] = p % 8 < 3 ? 4 : 3;
            }
            addExperiment("384sentences", passageSizes384, text, ids, stim, passage, category, experiment);
            addExperiment("243sentences", passageSizes243, text, ids, stim, passage, category, experiment);
        }
        int n = ids.size();
        boolean[] in384 = new boolean[n];
        boolean[] in243 = new boolean[n];
        for (int i = 0; i < n; i++) {
            in384[i] = experiment.get(i).equals("384sentences");
            in243[i] = !in384[i];
        }
        List<Simulation.SubjectSpec> subjects = new ArrayList<>();
        int[] both = {1340, 1340, 1340, 1340};
        for (int s = 0; s < both.length; s++) {
            subjects.add(new Simulation.SubjectSpec(String.format("P%02d", s + 1), both[s], null));
        }
        subjects.add(new Simulation.SubjectSpec("P05", 1335, in243));
        subjects.add(new Simulation.SubjectSpec("P06", 1336, in243));
        int[] only384 = {1698, 1699, 1699, 1699};
        for (int s = 0; s < only384.length; s++) {
            subjects.add(new Simulation.SubjectSpec(String.format("P%02d", s + 7), only384[s], in384));
        }
        List<Coordinate> pres = List.of(new Coordinate.Text("stimulus_id", ids.toArray(String[]::new)),
                new Coordinate.Text("stimulus", stim.toArray(String[]::new)),
                new Coordinate.Text("passage_label", passage.toArray(String[]::new)),
                new Coordinate.Text("passage_category", category.toArray(String[]::new)),
                new Coordinate.Text("experiment", experiment.toArray(String[]::new)));
        return Simulation.simulate("Pereira2018.language (" + (realText ? "real Pereira2018 sentences, passages and topics"
                : "synthetic text") + ")", pres, subjects, "subject", new Simulation.Params(2018, 2, 0.8, 0.95));
    }

    private static void addExperiment(String exp, int[] passageSizes, SyntheticText text, List<String> ids,
            List<String> stim, List<String> passage, List<String> category, List<String> experiment) {
        int topics = 24;
        for (int p = 0; p < passageSizes.length; p++) {
            String topic = String.format("topic%02d", p % topics);
            String label = exp.substring(0, 3) + "_" + topic + "_" + String.format("p%03d", p);
            for (int s = 0; s < passageSizes[p]; s++) {
                ids.add(label + "_s" + s);
                stim.add(text.sentence());
                passage.add(label);
                category.add(topic);
                experiment.add(exp);
            }
        }
    }

    /**
   * A Pereira-sized simulated benchmark for performance measurements: all 627 sentences (both
   * experiments' passages) recorded from 8 subjects × 1,519–1,522 voxels (12,155 in all, no NaN),
   * scored with the given metric as the Pereira benchmarks are.
   */
  public static NeuralBenchmark pereiraSized(MetricChoice.Kind kind) {
    Simulation.Result full = simulatedFull();
    Assembly a = full.data().target();
    List<Simulation.SubjectSpec> subjects = new ArrayList<>();
    for (int s = 0; s < 8; s++) {
      subjects.add(new Simulation.SubjectSpec(String.format("P%02d", s + 1), s < 5 ? 1519 : 1520, null));
    }
    Simulation.Result r = Simulation.simulate("Pereira2018-sized", a.coords(Assembly.Dim.PRESENTATION), subjects, "subject",
        new Simulation.Params(2018, 2, 0.8, 0.95));
    NeuralData data = new NeuralData(withStory(r.data().target()), r.data().checksums(), true);
    boolean ridge = kind == MetricChoice.Kind.RIDGE;
    MetricChoice metric = ridge ? MetricChoice.ridge(10, "story") : MetricChoice.linearShuffle();
    NeuralBenchmark.Spec spec = new NeuralBenchmark.Spec("Pereira2018-sized-simulated" + (ridge ? "-ridge" : "-linear"), 1, null, CITATION,
        "627 simulated sentences x 12,155 voxels", Modality.FMRI, PLAN, metric,
        new CeilingPolicy.Computed(SubsetPolicy.PEREIRA), "subject");
    return new NeuralBenchmark(spec, () -> data);
  }

  /** The simulated data for one experiment, selected and NaN-dropped as the real data is. */
    public static Simulation.Result simulated(Experiment e) {
        return simulated(e, DataSource.simulatedData());
    }

    /** The simulated data for one experiment, with the text {@code source}'s data directory provides. */
    public static Simulation.Result simulated(Experiment e, DataSource source) {
        Simulation.Result full = simulatedFull(source);
        int[] idx = full.data().target().where(Assembly.Dim.PRESENTATION, "experiment", e.label);
        Simulation.Result r = Simulation.select(full, idx);
        Assembly withStory = withStory(r.data().target());
        return new Simulation.Result(new NeuralData(withStory, r.data().checksums(), true), r.hidden(), r.rho(), r.trueCeiling());
    }
}
