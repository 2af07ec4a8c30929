package org.brainalign.benchmarks.simulate;

import java.util.Optional;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.brainalign.benchmarks.neural.StimulusPlan;
import org.brainalign.core.linalg.DMatrix;
import org.brainalign.core.random.NumpyRandomState;
import org.brainalign.core.subject.LayerActivations;
import org.brainalign.core.subject.Modality;
import org.brainalign.core.subject.Region;
import org.brainalign.core.subject.Subject;
import org.brainalign.core.subject.SubjectOutput;
import org.brainalign.core.subject.Task;

/**
 * A subject whose representations are looked up per stimulus rather than computed: the hidden
 * features of a simulation ("true features"), the recordings themselves ("exact", the reference
 * subject BSL uses to prove a benchmark can reach 1.0), or i.i.d. Gaussian noise ("random"). A part
 * is identified by the full text of its call and its position in it, so repeated words in different
 * sentences stay distinct. One layer, named {@code features}.
 */
public final class SimulatedSubject implements Subject {
    private final String id;
    private final Map<String, double[]> rows = new HashMap<>();
    private final int units;

    private SimulatedSubject(String id, List<StimulusPlan.Call> calls, DMatrix perPresentation) {
        this.id = id;
        this.units = perPresentation.cols();
        for (StimulusPlan.Call c : calls) {
            for (int i = 0; i < c.parts().size(); i++) {
                rows.put(key(c.parts(), i), perPresentation.row(c.presentations()[i]));
            }
        }
    }

    /** Returns {@code features} (presentations × units) for the benchmark's calls. */
    public static SimulatedSubject of(String id, List<StimulusPlan.Call> calls, DMatrix features) {
        return new SimulatedSubject(id, calls, features);
    }

    /** Random N(0, 1) features of the given width. */
    public static SimulatedSubject random(List<StimulusPlan.Call> calls, int presentations, int units, long seed) {
        NumpyRandomState rng = new NumpyRandomState(seed);
        DMatrix m = DMatrix.zeros(presentations, units);
        for (int i = 0; i < m.data().length; i++) {
            m.data()[i] = rng.standardNormal();
        }
        return new SimulatedSubject("random-features-" + units, calls, m);
    }

    private static String key(List<String> parts, int i) {
        return String.join("\u0001", parts) + "\u0002" + i;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public void startBehavioralTask(Task task) {
        throw new UnsupportedOperationException(cannotPerform(task).orElseThrow());
    }

    @Override
    public Optional<String> cannotPerform(Task task) {
        return Optional.of(id + " is a simulated subject with activations only, so it has no " + task.inWords());
    }

    @Override
    public void startNeuralRecording(Region region, Modality modality) {}

    @Override
    public SubjectOutput digestText(List<String> parts) {
        float[] v = new float[parts.size() * units];
        for (int i = 0; i < parts.size(); i++) {
            double[] row = rows.get(key(parts, i));
            if (row == null) {
                throw new IllegalArgumentException(id + " has no representation for part " + i + " of call " + parts);
            }
            for (int u = 0; u < units; u++) {
                v[i * units + u] = (float) row[u];
            }
        }
        return new SubjectOutput(parts, List.of(new LayerActivations("features", parts.size(), units, v)), new double[0],
                List.of());
    }
}
