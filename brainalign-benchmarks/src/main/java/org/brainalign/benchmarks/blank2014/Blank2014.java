package org.brainalign.benchmarks.blank2014;

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
import org.brainalign.core.assembly.Coordinate;
import org.brainalign.core.ceiling.SubsetPolicy;
import org.brainalign.core.subject.Modality;

/**
 * Blank et al. 2014 fMRI benchmarks ({@code Blank2014.fROI}): 1,317 TR-aligned fragments of 8
 * stories, 60 neuroids (5 subjects × 12 language fROIs). One call per story (context = the earlier
 * fragments). {@code -linear-shuffle}: OLS, ShuffleSplit, published ceiling 0.21026591;
 * {@code -ridge}: ridge GCV with leave-one-story-out GroupKFold(8), ceiling computed from the data
 * as BSL does at instantiation.
 */
public final class Blank2014 {
    static final String DATASET = "blank2014";
    /** The publication of the data. */
    public static final String CITATION = "Blank, Kanwisher & Fedorenko 2014, A functional dissociation between language and "
            + "multiple-demand systems revealed in patterns of BOLD signal fluctuations (J Neurophysiol)";
    static final StimulusPlan PLAN = new StimulusPlan("stimulus", "story", null);

    private Blank2014() {}

    public static NeuralBenchmark benchmark(MetricChoice.Kind kind, DataSource source) {
        boolean ridge = kind == MetricChoice.Kind.RIDGE;
        MetricChoice metric = ridge ? MetricChoice.ridge(8, "story") : MetricChoice.linearShuffle();
        CeilingPolicy ceiling = ridge ? new CeilingPolicy.Computed(SubsetPolicy.ALL)
                : new CeilingPolicy.Published(0.21026591, "BSL Blank2014 linear", SubsetPolicy.ALL);
        String id = ridge ? "Blank2014-ridge" : "Blank2014-linear-shuffle";
        String description = "Blank2014 fMRI story fragments, 12 language fROIs x 5 subjects; " + metric.create().describe()
                + (ridge ? "; ceiling extrapolated from the data" : "; ceiling 0.21026591 (BSL)");
        NeuralBenchmark.Spec spec = new NeuralBenchmark.Spec(id, 1, "neural_language", CITATION, description, Modality.FMRI, PLAN, metric, ceiling,
                "subject_id");
        return new NeuralBenchmark(spec, () -> source.simulated() ? simulated().data() : RealData.load(source, DATASET));
    }

    /** The simulated {@code Blank2014.fROI}: 8 stories with 165 fragments (3 with 164), 5 subjects × 12 fROIs. */
    public static Simulation.Result simulated() {
        SyntheticText text = new SyntheticText(2014);
        List<String> ids = new ArrayList<>();
        List<String> stim = new ArrayList<>();
        List<String> story = new ArrayList<>();
        for (int s = 0; s < 8; s++) {
            int count = s < 5 ? 165 : 164;
            List<String> fr = text.fragments(count);
            for (int f = 0; f < count; f++) {
                ids.add("story" + (s + 1) + "_" + f);
                stim.add(fr.get(f));
                story.add("story" + (s + 1));
            }
        }
        List<Simulation.SubjectSpec> subjects = new ArrayList<>();
        for (int s = 0; s < 5; s++) {
            subjects.add(new Simulation.SubjectSpec("B" + (s + 1), 12, null));
        }
        List<Coordinate> pres = List.of(new Coordinate.Text("stimulus_id", ids.toArray(String[]::new)),
                new Coordinate.Text("stimulus", stim.toArray(String[]::new)),
                new Coordinate.Text("story", story.toArray(String[]::new)));
        return Simulation.simulate("Blank2014.fROI", pres, subjects, "subject_id", new Simulation.Params(2014, 2, 0.6, 0.9));
    }
}
