package org.brainalign.benchmarks.fedorenko2016;

import java.util.ArrayList;
import java.util.List;
import org.brainalign.benchmarks.DataSource;
import org.brainalign.benchmarks.neural.CeilingPolicy;
import org.brainalign.benchmarks.neural.MetricChoice;
import org.brainalign.benchmarks.neural.NeuralBenchmark;
import org.brainalign.benchmarks.neural.RealData;
import org.brainalign.benchmarks.neural.StimulusPlan;
import org.brainalign.benchmarks.simulate.Simulation;
import org.brainalign.benchmarks.simulate.SyntheticText;
import org.brainalign.core.assembly.Coordinate;
import org.brainalign.core.ceiling.SubsetPolicy;
import org.brainalign.core.subject.Modality;

/**
 * Fedorenko et al. 2016 ECoG benchmarks ({@code Fedorenko2016.language}): 52 sentences × 8 words
 * = 416 word presentations, 97 language-responsive electrodes of 5 subjects. One call per sentence,
 * word by word (each word's feature has the sentence's earlier words as context). {@code -linear-shuffle}:
 * OLS, ShuffleSplit; {@code -ridge}: ridge GCV, GroupKFold(10) by {@code sentence_id}. Ceilings are
 * extrapolated from the data, as BSL computes them at instantiation.
 */
public final class Fedorenko2016 {
    static final String DATASET = "fedorenko2016";
    /** The publication of the data. */
    public static final String CITATION = "Fedorenko et al. 2016, Neural correlate of the construction of sentence meaning (PNAS)";
    static final StimulusPlan PLAN = new StimulusPlan("word", "sentence_id", "word_num");

    private Fedorenko2016() {}

    public static NeuralBenchmark benchmark(MetricChoice.Kind kind, DataSource source) {
        boolean ridge = kind == MetricChoice.Kind.RIDGE;
        MetricChoice metric = ridge ? MetricChoice.ridge(10, "sentence_id") : MetricChoice.linearShuffle();
        String id = ridge ? "Fedorenko2016-ridge" : "Fedorenko2016-linear-shuffle";
        String description = "Fedorenko2016 ECoG, 416 words of 52 sentences, 97 electrodes x 5 subjects; " + metric.create().describe()
                + "; ceiling extrapolated from the data";
        NeuralBenchmark.Spec spec = new NeuralBenchmark.Spec(id, 3, "neural_language", CITATION, description, Modality.ECOG, PLAN, metric,
                new CeilingPolicy.Computed(SubsetPolicy.ALL), "subject_UID");
        return new NeuralBenchmark(spec, () -> source.simulated() ? simulated().data() : RealData.load(source, DATASET));
    }

    /** The simulated {@code Fedorenko2016.language}: 52 eight-word sentences, electrodes 20, 20, 19, 19, 19. */
    public static Simulation.Result simulated() {
        SyntheticText text = new SyntheticText(2016);
        List<String> ids = new ArrayList<>();
        List<String> words = new ArrayList<>();
        List<Integer> sentence = new ArrayList<>();
        List<Integer> wordNum = new ArrayList<>();
        for (int s = 0; s < 52; s++) {
            List<String> w = text.eightWords();
            for (int k = 0; k < 8; k++) {
                ids.add("s" + (s + 1) + "_w" + (k + 1));
                words.add(w.get(k));
                sentence.add(s + 1);
                wordNum.add(k + 1);
            }
        }
        int[] electrodes = {20, 20, 19, 19, 19};
        List<Simulation.SubjectSpec> subjects = new ArrayList<>();
        for (int s = 0; s < electrodes.length; s++) {
            subjects.add(new Simulation.SubjectSpec("F" + (s + 1), electrodes[s], null));
        }
        List<Coordinate> pres = List.of(new Coordinate.Text("stimulus_id", ids.toArray(String[]::new)),
                new Coordinate.Text("word", words.toArray(String[]::new)),
                new Coordinate.Numbers("sentence_id", sentence.stream().mapToDouble(Integer::doubleValue).toArray()),
                new Coordinate.Numbers("word_num", wordNum.stream().mapToDouble(Integer::doubleValue).toArray()));
        return Simulation.simulate("Fedorenko2016.language", pres, subjects, "subject_UID",
                new Simulation.Params(2016, 2, 0.7, 0.95));
    }
}
