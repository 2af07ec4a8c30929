package org.brainalign.core.metric;

import java.util.List;
import org.brainalign.core.assembly.Assembly;
import org.brainalign.core.linalg.DMatrix;
import org.brainalign.core.linalg.LinAlg;
import org.brainalign.core.split.ShuffleSplit;
import org.brainalign.core.split.Split;
import org.brainalign.core.split.Splitter;

/**
 * BSL's cross-validated representational similarity metrics, which fit nothing: on the test part
 * of ShuffleSplit(10, test_size=0.9, seed 1) — ten 90 % subsets — compare source and target
 * directly, then average over subsets.
 * <ul>
 *   <li>{@link Kind#CKA}: linear centred kernel alignment (Kornblith et al. 2019),
 *       ‖Y<sub>c</sub>ᵀX<sub>c</sub>‖²<sub>F</sub> / (‖X<sub>c</sub>ᵀX<sub>c</sub>‖<sub>F</sub>·‖Y<sub>c</sub>ᵀY<sub>c</sub>‖<sub>F</sub>).</li>
 *   <li>{@link Kind#RDM}: RDM = 1 − correlation between presentations across units; score = Spearman ρ
 *       between the upper triangles (k = 1). Undefined — reported as NaN with the reason — when the
 *       target has fewer than 2 neuroids (Tuckute2024's single neuroid; BSL PR #409).</li>
 * </ul>
 */
public final class SubsetSimilarity implements NeuralMetric {
    /** Which similarity. */
    public enum Kind {
        CKA,
        RDM
    }

    private final Kind kind;
    private final Splitter splitter;
    private final LinAlg la;

    public SubsetSimilarity(Kind kind, Splitter splitter, LinAlg la) {
        this.kind = kind;
        this.splitter = splitter;
        this.la = la;
    }

    /** BSL's defaults: 10 test-only 90 % subsets, seed 1. */
    public static SubsetSimilarity bsl(Kind kind) {
        return new SubsetSimilarity(kind, ShuffleSplit.ofTest(10, 0.9, 1), LinAlg.get());
    }

    @Override
    public String id() {
        return kind == Kind.CKA ? "cka" : "rdm";
    }

    @Override
    public String describe() {
        return id() + ": " + (kind == Kind.CKA ? "linear CKA" : "Spearman of correlation-distance RDMs") + " on the test subsets of "
                + splitter.describe();
    }

    @Override
    public java.util.Map<String, Long> seeds() {
        return java.util.Map.of("splits", splitter.seed());
    }

    private record PreparedSubsets(Assembly target, List<Split> splits) implements Prepared {}

    @Override
    public Prepared prepare(Assembly target) {
        return new PreparedSubsets(target, splitter.split(target.presentations(), null));
    }

    @Override
    public MetricScore score(Prepared prepared, DMatrix features) {
        if (!(prepared instanceof PreparedSubsets p)) {
            throw new IllegalArgumentException("target was prepared by a different metric");
        }
        if (kind == Kind.RDM && p.target().neuroids() < 2) {
            return MetricScore.undefined("rdm is undefined for a target with " + p.target().neuroids()
                    + " neuroid: the presentation x presentation correlation needs at least 2 neuroids");
        }
        double[][] raw = new double[p.splits().size()][1];
        double[] values = new double[raw.length];
        for (int s = 0; s < raw.length; s++) {
            int[] idx = p.splits().get(s).test();
            DMatrix x = features.selectRows(idx);
            DMatrix y = p.target().values().selectRows(idx);
            values[s] = kind == Kind.CKA ? cka(x, y) : rdmSimilarity(x, y);
            raw[s][0] = values[s];
        }
        return new MetricScore(Stats.nanMean(values), raw, "");
    }

    /** Linear CKA of two sample-aligned matrices. */
    public double cka(DMatrix x, DMatrix y) {
        DMatrix xc = x.centered(x.columnMeans());
        DMatrix yc = y.centered(y.columnMeans());
        double xy = frobeniusSq(la.multiply(true, yc, false, xc));
        double xx = Math.sqrt(frobeniusSq(la.gramCols(xc)));
        double yy = Math.sqrt(frobeniusSq(la.gramCols(yc)));
        return xy / (xx * yy);
    }

    /** Spearman ρ between the upper triangles of the two correlation-distance RDMs. */
    public double rdmSimilarity(DMatrix x, DMatrix y) {
        double[] a = upperTriangle(rdm(x));
        double[] b = upperTriangle(rdm(y));
        return Stats.spearman(a, b);
    }

    /** 1 − Pearson correlation between rows (presentations), as {@code 1 - np.corrcoef(x)}. */
    private DMatrix rdm(DMatrix x) {
        int n = x.rows();
        int p = x.cols();
        DMatrix z = DMatrix.zeros(n, p);
        for (int i = 0; i < n; i++) {
            double mean = 0;
            for (int j = 0; j < p; j++) {
                mean += x.get(i, j);
            }
            mean /= p;
            double ss = 0;
            for (int j = 0; j < p; j++) {
                double d = x.get(i, j) - mean;
                ss += d * d;
            }
            double norm = Math.sqrt(ss);
            for (int j = 0; j < p; j++) {
                z.set(i, j, (x.get(i, j) - mean) / norm);
            }
        }
        DMatrix corr = la.gramRows(z);
        double[] d = corr.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = 1 - d[i];
        }
        return corr;
    }

    private static double[] upperTriangle(DMatrix m) {
        int n = m.rows();
        double[] out = new double[n * (n - 1) / 2];
        int k = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                out[k++] = m.get(i, j);
            }
        }
        return out;
    }

    private static double frobeniusSq(DMatrix m) {
        double s = 0;
        for (double v : m.data()) {
            s += v * v;
        }
        return s;
    }
}
