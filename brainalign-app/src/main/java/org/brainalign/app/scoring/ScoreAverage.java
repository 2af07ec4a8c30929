package org.brainalign.app.scoring;

import java.util.ArrayList;
import java.util.List;
import org.brainalign.core.metric.Stats;
import org.brainalign.core.score.Interval;
import org.brainalign.core.score.LayerScore;
import org.brainalign.core.score.Score;

/**
 * The mean of scores of the same benchmark from several variants of one model (SUMA's seeds): per
 * layer, the mean raw, normalised and unclipped scores and the element-wise mean split × neuroid
 * matrix; intervals are not combined (reported unknown) and the note names the variants.
 */
public final class ScoreAverage {
    private ScoreAverage() {}

    public static Score of(org.brainalign.benchmarks.Benchmark benchmark, List<Score> scores, long bootstrapSeed) {
        Score first = scores.getFirst();
        List<LayerScore> layers = new ArrayList<>();
        for (int l = 0; l < first.layers().size(); l++) {
            int li = l;
            double[] raw = scores.stream().mapToDouble(s -> s.layers().get(li).raw()).toArray();
            double[] norm = scores.stream().mapToDouble(s -> s.layers().get(li).normalized()).toArray();
            double[] unc = scores.stream().mapToDouble(s -> s.layers().get(li).unclipped()).toArray();
            double[][] m = first.layers().get(l).splitByNeuroid();
            for (int k = 1; k < scores.size(); k++) {
                double[][] other = scores.get(k).layers().get(l).splitByNeuroid();
                for (int i = 0; i < m.length; i++) {
                    for (int j = 0; j < m[i].length; j++) {
                        m[i][j] += other[i][j];
                    }
                }
            }
            for (double[] row : m) {
                for (int j = 0; j < row.length; j++) {
                    row[j] /= scores.size();
                }
            }
            String note = "mean of " + scores.size() + " variants: " + scores.stream().map(Score::modelId).toList();
            layers.add(new LayerScore(first.layers().get(l).layer(), Stats.nanMean(raw), Stats.nanMean(norm), Stats.nanMean(unc),
                    Interval.UNKNOWN, Interval.UNKNOWN, m, note));
        }
        String model = first.modelId().replaceFirst("@\\d+$", "") + "@mean-of-" + scores.size();
        return benchmark.assemble(model, first.ceiling(), layers, bootstrapSeed);
    }
}
