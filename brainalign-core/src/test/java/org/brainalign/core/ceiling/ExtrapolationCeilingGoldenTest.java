package org.brainalign.core.ceiling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.brainalign.core.assembly.Assembly;
import org.brainalign.core.assembly.Coordinate;
import org.brainalign.core.linalg.DMatrix;
import org.brainalign.core.linalg.LinAlg;
import org.brainalign.core.metric.CrossRegressedCorrelation;
import org.brainalign.core.metric.Stats;
import org.brainalign.core.random.NumpyRandomState;
import org.junit.jupiter.api.Test;

/**
 * {@link ExtrapolationCeiling} on a tiny assembly (4 subjects × 2 neuroids, 30 presentations)
 * against the value computed here, step by step, as anchors.md §1.7 A states BSL's algorithm —
 * written independently of the class: every subset of every size (a recursion in
 * {@code itertools.combinations} order, not the policy enumerator), each member held out and predicted from the others' neuroids stacked in subject
 * order (always by direct regression, never the kernel path), values flattened per size over
 * subsets and splits with NaNs dropped, per neuroid 100 bootstraps from a fresh RandomState(0)
 * drawn with {@code choice(len, len, replace=True)}, the saturating fit, the median over bootstraps,
 * then over neuroids. Only the pieces with references of their own are shared: the metric
 * (scikit-learn), the random stream (numpy) and the bounded fit (SciPy).
 */
class ExtrapolationCeilingGoldenTest {
    private static final int SUBJECTS = 4;
    private static final int PER_SUBJECT = 2;
    private static final int N = 30;

    /** Each neuroid: a shared 3-dimensional signal read out with its own weights, plus noise. */
    private static Assembly fixture() {
        Random r = new Random(2021);
        double[][] signal = new double[N][3];
        for (double[] row : signal) {
            for (int k = 0; k < 3; k++) {
                row[k] = r.nextGaussian();
            }
        }
        int neuroids = SUBJECTS * PER_SUBJECT;
        DMatrix y = DMatrix.zeros(N, neuroids);
        String[] subject = new String[neuroids];
        String[] id = new String[neuroids];
        for (int j = 0; j < neuroids; j++) {
            double[] w = {r.nextGaussian(), r.nextGaussian(), r.nextGaussian()};
            double noise = 0.5 + 0.5 * r.nextDouble();
            for (int i = 0; i < N; i++) {
                y.set(i, j, w[0] * signal[i][0] + w[1] * signal[i][1] + w[2] * signal[i][2] + noise * r.nextGaussian());
            }
            subject[j] = "S" + (j / PER_SUBJECT);
            id[j] = "n" + j;
        }
        String[] stim = new String[N];
        for (int i = 0; i < N; i++) {
            stim[i] = "s" + i;
        }
        return new Assembly(y, List.of(new Coordinate.Text("stimulus_id", stim)),
                List.of(new Coordinate.Text("neuroid_id", id), new Coordinate.Text("subject", subject)));
    }

    private static int[] columnsOf(int subject) {
        int[] c = new int[PER_SUBJECT];
        for (int k = 0; k < PER_SUBJECT; k++) {
            c[k] = subject * PER_SUBJECT + k;
        }
        return c;
    }

    /** Subsets of {0 … SUBJECTS−1} of size n in lexicographic order, by recursion. */
    private static List<int[]> combinations(int n) {
        List<int[]> out = new ArrayList<>();
        extend(new int[0], 0, n, out);
        return out;
    }

    private static void extend(int[] prefix, int next, int n, List<int[]> out) {
        if (prefix.length == n) {
            out.add(prefix);
            return;
        }
        for (int s = next; s < SUBJECTS; s++) {
            int[] longer = Arrays.copyOf(prefix, prefix.length + 1);
            longer[prefix.length] = s;
            extend(longer, s + 1, n, out);
        }
    }

    @Test
    void matchesTheAlgorithmComputedStepByStep() {
        Assembly data = fixture();
        CrossRegressedCorrelation metric = CrossRegressedCorrelation.linearShuffle();

        // 1. Collect: values[neuroid][n - 2] = every split's r for that neuroid over all subsets of size n.
        List<List<List<Double>>> values = new ArrayList<>();
        for (int j = 0; j < SUBJECTS * PER_SUBJECT; j++) {
            List<List<Double>> bySize = new ArrayList<>();
            for (int n = 2; n <= SUBJECTS; n++) {
                bySize.add(new ArrayList<>());
            }
            values.add(bySize);
        }
        for (int n = 2; n <= SUBJECTS; n++) {
            for (int[] subset : combinations(n)) { // itertools.combinations order: the order values are flattened in
                for (int held : subset) {
                    List<Integer> pool = new ArrayList<>();
                    for (int s : subset) {
                        if (s != held) {
                            pool.addAll(Arrays.stream(columnsOf(s)).boxed().toList());
                        }
                    }
                    DMatrix source = data.values().selectColumns(pool.stream().mapToInt(Integer::intValue).toArray());
                    Assembly target = data.select(Assembly.Dim.NEUROID, columnsOf(held));
                    double[][] splitByNeuroid = metric.score(metric.prepare(target), source).splitByNeuroid();
                    for (double[] split : splitByNeuroid) {
                        for (int k = 0; k < PER_SUBJECT; k++) {
                            if (!Double.isNaN(split[k])) {
                                values.get(held * PER_SUBJECT + k).get(n - 2).add(split[k]);
                            }
                        }
                    }
                }
            }
        }

        // 2. Per neuroid: 100 bootstraps of the mean per size, the saturating fit, the median v0.
        double[] sizes = new double[SUBJECTS - 1];
        for (int n = 2; n <= SUBJECTS; n++) {
            sizes[n - 2] = n;
        }
        double[] perNeuroid = new double[SUBJECTS * PER_SUBJECT];
        for (int j = 0; j < perNeuroid.length; j++) {
            NumpyRandomState rng = new NumpyRandomState(0);
            double[] v0 = new double[100];
            for (int b = 0; b < 100; b++) {
                double[] means = new double[sizes.length];
                for (int z = 0; z < sizes.length; z++) {
                    List<Double> vals = values.get(j).get(z);
                    int[] pick = rng.choice(vals.size(), vals.size(), true);
                    double sum = 0;
                    for (int p : pick) {
                        sum += vals.get(p);
                    }
                    means[z] = sum / vals.size();
                }
                v0[b] = SaturationFit.fit(sizes, means).v0();
            }
            perNeuroid[j] = Stats.nanMedian(v0);
        }
        // 3. The benchmark ceiling: the median over neuroids.
        double expected = Stats.nanMedian(perNeuroid);

        Ceiling ceiling = new ExtrapolationCeiling(metric, SubsetPolicy.ALL, "subject", LinAlg.get()).compute(data, v -> {});
        assertThat(expected).as("a meaningful fixture").isBetween(0.2, 1.0);
        assertThat(ceiling.perNeuroid()).hasSize(perNeuroid.length);
        for (int j = 0; j < perNeuroid.length; j++) {
            assertThat(ceiling.perNeuroid()[j]).as("neuroid %d", j).isCloseTo(perNeuroid[j], within(1e-9));
        }
        assertThat(ceiling.value()).isCloseTo(expected, within(1e-9));
        assertThat(ceiling.lower()).isLessThanOrEqualTo(ceiling.value());
        assertThat(ceiling.upper()).isGreaterThanOrEqualTo(ceiling.value());
    }
}
