package org.brainalign.benchmarks.localizer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The result of a functional localizer: per recorded layer, every unit's Welch t (sentences >
 * non-words) and which units were selected. Selection is global across layers: the units whose t
 * is at least the k-th largest t (ties share the threshold, so slightly more than k may be kept, as
 * in BSL); NaN t-values (units constant in both conditions) are never selected.
 */
public record LanguageMask(String key, List<Layer> layers) {

    /** One layer's t-values and selection. */
    public record Layer(String name, double[] t, boolean[] selected) {
        public Layer {
            if (t.length != selected.length) {
                throw new IllegalArgumentException("layer " + name + ": " + t.length + " t-values but " + selected.length + " flags");
            }
            t = t.clone();
            selected = selected.clone();
        }

        @Override
        public double[] t() {
            return t.clone();
        }

        @Override
        public boolean[] selected() {
            return selected.clone();
        }

        /** Indices of the selected units, ascending. */
        public int[] selectedUnits() {
            int n = 0;
            for (boolean b : selected) {
                n += b ? 1 : 0;
            }
            int[] out = new int[n];
            int k = 0;
            for (int i = 0; i < selected.length; i++) {
                if (selected[i]) {
                    out[k++] = i;
                }
            }
            return out;
        }
    }

    public LanguageMask {
        layers = List.copyOf(layers);
    }

    /** Selects the global top-k of the given per-layer t-values. */
    public static LanguageMask select(String key, List<String> names, List<double[]> tValues, TopK topK) {
        long total = tValues.stream().mapToLong(t -> t.length).sum();
        long k = topK.of(total);
        double[] all = new double[(int) total];
        int pos = 0;
        for (double[] t : tValues) {
            for (double v : t) {
                all[pos++] = Double.isNaN(v) ? Double.NEGATIVE_INFINITY : v;
            }
        }
        Arrays.sort(all);
        double threshold = all[(int) (total - k)];
        List<Layer> layers = new ArrayList<>();
        for (int l = 0; l < names.size(); l++) {
            double[] t = tValues.get(l);
            boolean[] sel = new boolean[t.length];
            for (int i = 0; i < t.length; i++) {
                sel[i] = !Double.isNaN(t[i]) && t[i] >= threshold && threshold > Double.NEGATIVE_INFINITY;
            }
            layers.add(new Layer(names.get(l), t, sel));
        }
        return new LanguageMask(key, layers);
    }

    /** The layer with this name, or null. */
    public Layer layer(String name) {
        return layers.stream().filter(l -> l.name().equals(name)).findFirst().orElse(null);
    }

    /** Selected units in all layers. */
    public long selectedCount() {
        return layers.stream().mapToLong(l -> l.selectedUnits().length).sum();
    }
}
