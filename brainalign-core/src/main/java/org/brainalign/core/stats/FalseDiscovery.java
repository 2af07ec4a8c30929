package org.brainalign.core.stats;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Benjamini–Hochberg false-discovery-rate adjustment, as SciPy's
 * {@code false_discovery_control(p, method='bh')}: with the m p-values sorted ascending, the
 * adjusted value of rank i is min over j ≥ i of p_(j)·m/j, capped at 1. NaN p-values are left out
 * of m and stay NaN.
 */
public final class FalseDiscovery {

    private FalseDiscovery() {
    }

    /** The BH-adjusted p-values (q-values), in the input's order. */
    public static double[] benjaminiHochberg(double[] p) {
        Integer[] order = java.util.stream.IntStream.range(0, p.length).filter(i -> !Double.isNaN(p[i])).boxed()
                .toArray(Integer[]::new);
        for (int i : order) {
            if (p[i] < 0 || p[i] > 1) {
                throw new IllegalArgumentException("p-value " + p[i] + " at index " + i + " lies outside [0, 1]");
            }
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> p[i]));
        double[] q = new double[p.length];
        Arrays.fill(q, Double.NaN);
        int m = order.length;
        double running = 1;
        for (int rank = m; rank >= 1; rank--) {
            int i = order[rank - 1];
            running = Math.min(running, p[i] * m / rank);
            q[i] = running;
        }
        return q;
    }
}
