package org.brainalign.benchmarks.simulate;

import java.util.List;
import java.util.Map;
import org.brainalign.benchmarks.neural.NeuralData;
import org.brainalign.core.assembly.Assembly;
import org.brainalign.core.assembly.Coordinate;
import org.brainalign.core.linalg.DMatrix;
import org.brainalign.core.metric.Stats;
import org.brainalign.core.random.NumpyRandomState;

/**
 * The documented generator of simulated recordings. Given a benchmark's real stimulus structure
 * (presentation coordinates) and its subjects' neuroid counts, it draws hidden stimulus features
 * H (presentations × k, i.i.d. N(0, 1)) and, for every neuroid i of every subject, an independent
 * readout w<sub>i</sub> and a reliability ρ<sub>i</sub> ~ U(ρ<sub>min</sub>, ρ<sub>max</sub>):
 *
 * <pre>  y_i = H·w_i/‖w_i‖ + σ_i·ε_i,   σ_i = √(1/ρ_i² − 1),   ε_i ~ N(0, I)</pre>
 *
 * so that corr(y<sub>i</sub>, its noise-free signal) = ρ<sub>i</sub> exactly in the population. A
 * perfect model (one that knows H) can reach r = ρ<sub>i</sub> on neuroid i and no model can do
 * better in expectation; the simulated truth of the ceiling is therefore the median ρ<sub>i</sub>
 * (the metric's median over neuroids). Neuroids of a subject that did not see a presentation are
 * NaN there (as in Pereira2018, where not every subject did both experiments).
 */
public final class Simulation {
    /** Generator parameters. */
    public record Params(long seed, int hiddenDims, double rhoMin, double rhoMax) {
        public Params {
            if (hiddenDims < 1 || !(rhoMin > 0) || !(rhoMax <= 1) || rhoMin > rhoMax) {
                throw new IllegalArgumentException("simulation needs hiddenDims >= 1 and 0 < rhoMin <= rhoMax <= 1");
            }
        }
    }

    /** One simulated subject: its id, neuroid count and which presentations it saw (null = all). */
    public record SubjectSpec(String id, int neuroids, boolean[] saw) {}

    /** A simulated data set with its ground truth. */
    public record Result(NeuralData data, DMatrix hidden, double[] rho, double trueCeiling) {}

    private Simulation() {}

    /**
     * Simulates recordings for the presentations described by {@code presentationCoords}.
     * {@code subjectCoord} names the neuroid coordinate carrying the subject id.
     */
    public static Result simulate(String name, List<Coordinate> presentationCoords, List<SubjectSpec> subjects,
            String subjectCoord, Params params) {
        int p = presentationCoords.getFirst().size();
        NumpyRandomState rng = new NumpyRandomState(params.seed());
        DMatrix hidden = DMatrix.zeros(p, params.hiddenDims());
        for (int i = 0; i < hidden.data().length; i++) {
            hidden.data()[i] = rng.standardNormal();
        }
        int total = subjects.stream().mapToInt(SubjectSpec::neuroids).sum();
        DMatrix y = DMatrix.zeros(p, total);
        double[] rho = new double[total];
        String[] subjectIds = new String[total];
        String[] neuroidIds = new String[total];
        int col = 0;
        for (SubjectSpec s : subjects) {
            for (int k = 0; k < s.neuroids(); k++, col++) {
                double[] w = new double[params.hiddenDims()];
                double norm = 0;
                for (int d = 0; d < w.length; d++) {
                    w[d] = rng.standardNormal();
                    norm += w[d] * w[d];
                }
                norm = Math.sqrt(norm);
                rho[col] = params.rhoMin() + (params.rhoMax() - params.rhoMin()) * rng.randomSample();
                double sigma = Math.sqrt(1 / (rho[col] * rho[col]) - 1);
                for (int i = 0; i < p; i++) {
                    double signal = 0;
                    for (int d = 0; d < w.length; d++) {
                        signal += hidden.get(i, d) * w[d];
                    }
                    double v = signal / norm + sigma * rng.standardNormal();
                    y.set(i, col, s.saw() == null || s.saw()[i] ? v : Double.NaN);
                }
                subjectIds[col] = s.id();
                neuroidIds[col] = s.id() + "." + k;
            }
        }
        Assembly a = new Assembly(y, presentationCoords,
                List.of(new Coordinate.Text("neuroid_id", neuroidIds), new Coordinate.Text(subjectCoord, subjectIds)));
        String checksum = "simulated:" + name + ":seed=" + params.seed() + ",k=" + params.hiddenDims() + ",rho=U("
                + params.rhoMin() + "," + params.rhoMax() + ")";
        return new Result(new NeuralData(a, Map.of(name, checksum), true), hidden, rho, Stats.nanMedian(rho));
    }

    /** Restricts a simulation result to some presentations and drops NaN neuroids (the benchmark's selection). */
    public static Result select(Result full, int[] presentations) {
        Assembly sub = full.data().target().select(Assembly.Dim.PRESENTATION, presentations);
        Assembly clean = sub.dropNaNNeuroids();
        // Which neuroids survived: match by neuroid_id.
        Coordinate ids = clean.coord(Assembly.Dim.NEUROID, "neuroid_id");
        Coordinate allIds = full.data().target().coord(Assembly.Dim.NEUROID, "neuroid_id");
        java.util.Map<String, Integer> index = new java.util.HashMap<>();
        for (int j = 0; j < allIds.size(); j++) {
            index.put(allIds.label(j), j);
        }
        double[] rho = new double[ids.size()];
        for (int j = 0; j < rho.length; j++) {
            rho[j] = full.rho()[index.get(ids.label(j))];
        }
        return new Result(new NeuralData(clean, full.data().checksums(), true), full.hidden().selectRows(presentations), rho,
                Stats.nanMedian(rho));
    }
}
