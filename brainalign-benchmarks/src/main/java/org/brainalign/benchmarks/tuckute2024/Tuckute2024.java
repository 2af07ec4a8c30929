package org.brainalign.benchmarks.tuckute2024;

import java.util.ArrayList;
import java.util.List;
import org.brainalign.benchmarks.DataSource;
import org.brainalign.benchmarks.neural.CeilingPolicy;
import org.brainalign.benchmarks.neural.MetricChoice;
import org.brainalign.benchmarks.neural.NeuralBenchmark;
import org.brainalign.benchmarks.neural.StimulusPlan;
import org.brainalign.benchmarks.simulate.Simulation;
import org.brainalign.benchmarks.simulate.SyntheticText;
import org.brainalign.core.assembly.Coordinate;
import org.brainalign.core.subject.Modality;

/**
 * Tuckute et al. 2024 fMRI benchmarks ({@code Tuckute2024.language}): 1,000 sentences × 1 neuroid
 * (the left-hemisphere language network's response averaged over the 5 train participants), read
 * from the real responses ({@link TuckuteData}). Each
 * sentence is presented alone (no context). Metrics with their defaults (ShuffleSplit 10 × 90/10,
 * seed 1; CKA/RDM on 90 % subsets); no ceiling — raw scores (BSL version 2). The RDM variant is
 * undefined on one neuroid and reports NaN with the reason; it is therefore not ranked (it would
 * count as a 0 for every model).
 */
public final class Tuckute2024 {
    static final String DATASET = "tuckute2024";
    /** The publication of the data. */
    public static final String CITATION = "Tuckute et al. 2024, Driving and suppressing the human language network using "
            + "large language models (Nat Hum Behav)";
    static final StimulusPlan PLAN = new StimulusPlan("stimulus", null, null);

    private Tuckute2024() {}

    public static NeuralBenchmark benchmark(MetricChoice.Kind kind, DataSource source) {
        MetricChoice metric = metric(kind);
        String description = "Tuckute2024 fMRI, 1,000 sentences alone, mean language-network response; " + metric.create().describe()
                + "; no ceiling (raw score)";
        // RDM is NaN for every model on one neuroid: ranking it would add a 0 to everyone's neural_language.
        String parent = kind == MetricChoice.Kind.RDM ? null : "neural_language";
        NeuralBenchmark.Spec spec = new NeuralBenchmark.Spec("Tuckute2024-" + suffix(kind), 2, parent, CITATION,
                description, Modality.FMRI, PLAN, metric, new CeilingPolicy.None(), "subject");
        return new NeuralBenchmark(spec, () -> source.simulated() ? simulated().data()
                : TuckuteData.load(source, List.of(TuckuteData.NETWORK)));
    }

    /**
     * Beyond BSL: the five left-hemisphere language fROIs as five neuroids ({@code Tuckute2024.fROI-ridge},
     * {@code -linear}); each fROI's score is kept in the split × neuroid matrix (neuroid order
     * {@link TuckuteData#FROIS}); the headline is their median, as for any multi-neuroid target. Not ranked.
     */
    public static NeuralBenchmark fRoiBenchmark(MetricChoice.Kind kind, DataSource source) {
        if (kind != MetricChoice.Kind.RIDGE && kind != MetricChoice.Kind.LINEAR_SHUFFLE) {
            throw new IllegalArgumentException("Tuckute2024.fROI has ridge and linear variants, not " + kind);
        }
        MetricChoice metric = metric(kind);
        String description = "Tuckute2024 fMRI, 1,000 sentences alone, the five LH language fROIs as five neuroids "
                + TuckuteData.FROIS + "; " + metric.create().describe() + "; no ceiling (raw score; per-fROI scores in the JSON)";
        NeuralBenchmark.Spec spec = new NeuralBenchmark.Spec("Tuckute2024.fROI-" + suffix(kind), 1, null, CITATION, description,
                Modality.FMRI, PLAN, metric, new CeilingPolicy.None(), "subject");
        return new NeuralBenchmark(spec, () -> {
            if (source.simulated()) {
                throw new IllegalArgumentException("Tuckute2024.fROI has no simulated variant; it reads the real "
                        + TuckuteData.FILE);
            }
            return TuckuteData.load(source, TuckuteData.FROIS);
        });
    }

    private static MetricChoice metric(MetricChoice.Kind kind) {
        return switch (kind) {
            case LINEAR_SHUFFLE -> MetricChoice.linearShuffle();
            case RIDGE -> MetricChoice.ridge(10, null);
            case CKA -> MetricChoice.cka();
            case RDM -> MetricChoice.rdm();
        };
    }

    private static String suffix(MetricChoice.Kind kind) {
        return switch (kind) {
            case LINEAR_SHUFFLE -> "linear";
            case RIDGE -> "ridge";
            case CKA -> "cka";
            case RDM -> "rdm";
        };
    }

    /** The simulated {@code Tuckute2024.language}: 1,000 sentences, one averaged neuroid. */
    public static Simulation.Result simulated() {
        SyntheticText text = new SyntheticText(2024);
        List<String> ids = new ArrayList<>();
        List<String> stim = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            ids.add("sentence" + i);
            stim.add(text.sentence());
        }
        List<Coordinate> pres = List.of(new Coordinate.Text("stimulus_id", ids.toArray(String[]::new)),
                new Coordinate.Text("stimulus", stim.toArray(String[]::new)));
        return Simulation.simulate("Tuckute2024.language", pres, List.of(new Simulation.SubjectSpec("average", 1, null)),
                "subject", new Simulation.Params(2024, 8, 0.5, 0.5));
    }
}
