package org.brainalign.core.ceiling;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;
import org.brainalign.core.assembly.Assembly;
import org.brainalign.core.linalg.DMatrix;
import org.brainalign.core.linalg.LinAlg;
import org.brainalign.core.metric.CrossRegressedCorrelation;
import org.brainalign.core.metric.MetricScore;
import org.brainalign.core.metric.NeuralMetric;
import org.brainalign.core.metric.Stats;
import org.brainalign.core.random.NumpyRandomState;

/**
 * BSL's subject-pool extrapolation ceiling. For pools of n = 2…N subjects (which pools:
 * {@link SubsetPolicy}), a held-out subject's neuroids are predicted from the pool's neuroids with
 * the benchmark's own regression metric (same CV, same regression). Per neuroid, with a fresh
 * {@code RandomState(0)}, 100 bootstraps resample (with replacement, same length) the values
 * collected at each n and average them; v0·(1 − exp(−n/τ0)) is fitted to those means
 * ({@link SaturationFit}); the neuroid's ceiling is the median v0 over bootstraps, and the
 * benchmark's ceiling the median over neuroids. The 95 % interval is that of the median over
 * neuroids when the neuroids are resampled with replacement (1,000 draws, {@code RandomState(0)}).
 *
 * <p>Speed: a pool with fewer neuroids than presentations is regressed on directly (p × p
 * decomposition); a larger pool only enters the regression through its linear kernel, the sum of its
 * members' kernels, each computed once — so a large pool's features are never concatenated. Every
 * (pool, held-out) pair is scored once even when visited again.
 */
public final class ExtrapolationCeiling {
    /** BSL's bootstrap count. */
    public static final int BOOTSTRAPS = 100;

    /** The seed of BSL's bootstrap stream ({@code RandomState(0)}, fresh per neuroid and for the interval). */
    public static final long SEED = 0;

    private final CrossRegressedCorrelation metric;
    private final SubsetPolicy policy;
    private final String subjectCoord;
    private final LinAlg la;

    public ExtrapolationCeiling(CrossRegressedCorrelation metric, SubsetPolicy policy, String subjectCoord, LinAlg la) {
        this.metric = metric;
        this.policy = policy;
        this.subjectCoord = subjectCoord;
        this.la = la;
    }

    /** Computes the ceiling of {@code target}; {@code progress} receives each finished visit's index. */
    public Ceiling compute(Assembly target, IntConsumer progress) {
        Map<String, int[]> bySubject = target.groupBy(Assembly.Dim.NEUROID, subjectCoord);
        int subjects = bySubject.size();
        if (subjects < 2) {
            throw new IllegalArgumentException("an extrapolation ceiling needs at least 2 subjects in coordinate '"
                    + subjectCoord + "', found " + subjects);
        }
        List<int[]> cols = new ArrayList<>(bySubject.values());
        List<DMatrix> subjectValues = new ArrayList<>();
        List<DMatrix> kernels = new ArrayList<>();
        List<NeuralMetric.Prepared> prepared = new ArrayList<>();
        for (int[] c : cols) {
            Assembly sub = target.select(Assembly.Dim.NEUROID, c);
            subjectValues.add(sub.values());
            kernels.add(null);
            prepared.add(metric.prepare(sub));
        }
        List<SubsetPolicy.Visit> visits = policy.visits(subjects);
        int[] sizes = IntStream.rangeClosed(2, subjects).toArray();
        int totalNeuroids = target.neuroids();
        int[] subjectOfNeuroid = new int[totalNeuroids];
        int[] localIndex = new int[totalNeuroids];
        for (int s = 0; s < cols.size(); s++) {
            int[] c = cols.get(s);
            for (int k = 0; k < c.length; k++) {
                subjectOfNeuroid[c[k]] = s;
                localIndex[c[k]] = k;
            }
        }
        @SuppressWarnings("unchecked")
        List<double[][]>[][] raw = new List[subjects][sizes.length];
        for (int s = 0; s < subjects; s++) {
            for (int z = 0; z < sizes.length; z++) {
                raw[s][z] = new ArrayList<>();
            }
        }
        Map<String, double[][]> memo = new HashMap<>();
        for (int v = 0; v < visits.size(); v++) {
            SubsetPolicy.Visit visit = visits.get(v);
            int held = visit.heldOut();
            int[] pool = Arrays.stream(visit.subset()).filter(s -> s != held).sorted().toArray();
            String key = Arrays.toString(pool) + "->" + held;
            double[][] scores = memo.get(key);
            if (scores == null) {
                int features = 0;
                for (int s : pool) {
                    features += cols.get(s).length;
                }
                MetricScore score;
                if (features < target.presentations()) {
                    // Few pooled neuroids: regress on them directly (primal decomposition, p × p).
                    List<DMatrix> parts = new ArrayList<>();
                    for (int s : pool) {
                        parts.add(subjectValues.get(s));
                    }
                    score = metric.score(prepared.get(held), DMatrix.hstack(parts));
                } else {
                    // Many pooled neuroids: the pool's kernel is the sum of its members' kernels (n × n).
                    DMatrix k = DMatrix.zeros(target.presentations(), target.presentations());
                    double[] acc = k.data();
                    for (int s : pool) {
                        double[] add = kernel(s, kernels, subjectValues).data();
                        for (int i = 0; i < acc.length; i++) {
                            acc[i] += add[i];
                        }
                    }
                    score = metric.scoreKernel(prepared.get(held), k, features);
                }
                scores = score.splitByNeuroid();
                memo.put(key, scores);
            }
            raw[held][visit.size() - 2].add(scores);
            if (progress != null) {
                progress.accept(v);
            }
        }
        return extrapolate(sizes, raw, subjectOfNeuroid, localIndex);
    }

    private DMatrix kernel(int subject, List<DMatrix> kernels, List<DMatrix> values) {
        DMatrix k = kernels.get(subject);
        if (k == null) {
            k = la.gramRows(values.get(subject));
            kernels.set(subject, k);
        }
        return k;
    }

    /** The number of pool visits {@link #compute} makes for this many subjects (for progress bars). */
    public int visitCount(int subjects) {
        return policy.visits(subjects).size();
    }

    private Ceiling extrapolate(int[] sizes, List<double[][]>[][] raw, int[] subjectOfNeuroid, int[] localIndex) {
        int neuroids = subjectOfNeuroid.length;
        double[][] v0 = new double[neuroids][];
        double[] x = Arrays.stream(sizes).asDoubleStream().toArray();
        IntStream.range(0, neuroids).parallel().forEach(i -> {
            int s = subjectOfNeuroid[i];
            int local = localIndex[i];
            double[][] values = new double[sizes.length][];
            for (int z = 0; z < sizes.length; z++) {
                List<Double> list = new ArrayList<>();
                for (double[][] visit : raw[s][z]) {
                    for (double[] split : visit) {
                        double val = split[local];
                        if (!Double.isNaN(val)) {
                            list.add(val);
                        }
                    }
                }
                values[z] = list.stream().mapToDouble(Double::doubleValue).toArray();
            }
            v0[i] = bootstrapNeuroid(x, values);
        });
        double[] perNeuroid = new double[neuroids];
        for (int i = 0; i < neuroids; i++) {
            perNeuroid[i] = Stats.nanMedian(v0[i]);
        }
        double center = Stats.nanMedian(perNeuroid);
        // 95 % interval of the median over neuroids, resampling neuroids (RandomState(0), 1000 draws).
        NumpyRandomState rng = new NumpyRandomState(SEED);
        double[] medians = new double[1000];
        double[] sample = new double[neuroids];
        for (int b = 0; b < medians.length; b++) {
            for (int i = 0; i < neuroids; i++) {
                sample[i] = perNeuroid[(int) rng.randint(0, neuroids)];
            }
            medians[b] = Stats.nanMedian(sample);
        }
        return new Ceiling(center, Stats.nanPercentile(medians, 2.5), Stats.nanPercentile(medians, 97.5),
                perNeuroid, "extrapolation (" + policy.name().toLowerCase() + " subject pools, " + metric.id() + ", "
                        + BOOTSTRAPS + " bootstraps)");
    }

    /** v0 of each of the 100 bootstraps for one neuroid (NaN for failed fits). */
    static double[] bootstrapNeuroid(double[] sizes, double[][] valuesBySize) {
        NumpyRandomState rng = new NumpyRandomState(SEED);
        double[] out = new double[BOOTSTRAPS];
        List<Integer> usable = new ArrayList<>();
        for (int z = 0; z < valuesBySize.length; z++) {
            if (valuesBySize[z].length > 0) {
                usable.add(z);
            }
        }
        double[] x = new double[usable.size()];
        for (int k = 0; k < x.length; k++) {
            x[k] = sizes[usable.get(k)];
        }
        double[] y = new double[x.length];
        for (int b = 0; b < BOOTSTRAPS; b++) {
            for (int k = 0; k < x.length; k++) {
                double[] vals = valuesBySize[usable.get(k)];
                double sum = 0;
                for (int d = 0; d < vals.length; d++) {
                    sum += vals[(int) rng.randint(0, vals.length)];
                }
                y[k] = sum / vals.length;
            }
            out[b] = SaturationFit.fit(x, y).v0();
        }
        return out;
    }
}
