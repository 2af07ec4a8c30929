package org.brainalign.core.topography;

import java.util.ArrayList;
import java.util.List;

/**
 * Greedy region growing on a t-map, TopoLM's {@code by-cluster} procedure: seed a cluster at the
 * highest remaining value (which must reach {@code seedMin}), then repeatedly add the rook
 * (4-)neighbour of the cluster with the highest value while that value is at least
 * {@code growMin}; remove the cluster's cells and repeat. Clusters smaller than {@code minSize}
 * are discarded (their cells stay removed). NaN cells never join a cluster.
 */
public final class Clusters {

    /** One cluster: its cells as {@code row * side + column}, and its mean value. */
    public record Cluster(int[] cells, double meanValue) {
        public int size() {
            return cells.length;
        }
    }

    private Clusters() {
    }

    /** Each of {@code cells} cells' cluster number (1 for the first cluster, …; 0 outside every cluster). */
    public static int[] labels(List<Cluster> clusters, int cells) {
        int[] label = new int[cells];
        for (int k = 0; k < clusters.size(); k++) {
            for (int cell : clusters.get(k).cells()) {
                label[cell] = k + 1;
            }
        }
        return label;
    }

    /** The clusters of {@code map}, largest seed first. */
    public static List<Cluster> grow(double[][] map, double seedMin, double growMin, int minSize) {
        int rows = map.length;
        int cols = map[0].length;
        boolean[] used = new boolean[rows * cols];
        List<Cluster> out = new ArrayList<>();
        while (true) {
            int seed = -1;
            for (int i = 0; i < used.length; i++) {
                double v = map[i / cols][i % cols];
                if (!used[i] && !Double.isNaN(v) && v >= seedMin && (seed < 0 || v > map[seed / cols][seed % cols])) {
                    seed = i;
                }
            }
            if (seed < 0) {
                return out;
            }
            List<Integer> cells = new ArrayList<>();
            boolean[] member = new boolean[used.length];
            cells.add(seed);
            member[seed] = true;
            used[seed] = true;
            while (true) {
                int best = -1;
                for (int cell : cells) {
                    int r = cell / cols;
                    int c = cell % cols;
                    int[][] steps = {{-1, 0}, {1, 0}, {0, -1}, {0, 1}};
                    for (int[] s : steps) {
                        int rr = r + s[0];
                        int cc = c + s[1];
                        if (rr < 0 || rr >= rows || cc < 0 || cc >= cols) {
                            continue;
                        }
                        int k = rr * cols + cc;
                        double v = map[rr][cc];
                        if (!used[k] && !member[k] && !Double.isNaN(v) && v >= growMin
                                && (best < 0 || v > map[best / cols][best % cols])) {
                            best = k;
                        }
                    }
                }
                if (best < 0) {
                    break;
                }
                cells.add(best);
                member[best] = true;
                used[best] = true;
            }
            if (cells.size() >= minSize) {
                double mean = cells.stream().mapToDouble(k -> map[k / cols][k % cols]).average().orElse(Double.NaN);
                out.add(new Cluster(cells.stream().mapToInt(Integer::intValue).toArray(), mean));
            }
        }
    }
}
