package org.brainalign.core.assembly;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * One labelled coordinate along an assembly dimension (e.g. {@code stimulus_id}, {@code story},
 * {@code subject}, {@code neuroid_id}, {@code layer}): a name and one value per position, either
 * text or numbers. Values compare in their natural order (strings by code point, numbers
 * numerically), the order {@code np.unique} gives, so group codes match BSL's.
 */
public sealed interface Coordinate permits Coordinate.Text, Coordinate.Numbers {

    String name();

    int size();

    /** The value at position i, as text (numbers print without a trailing ".0" when integral). */
    String label(int i);

    /** The coordinate restricted to the given positions, in that order. */
    Coordinate select(int[] idx);

    /**
     * Group codes: for each position, the rank of its value among the sorted unique values
     * ({@code np.unique(values, return_inverse=True)[1]}).
     */
    int[] codes();

    /** Sorted unique values as text. */
    String[] uniqueLabels();

    /** Positions of each unique value (sorted by value), each list ascending. */
    default Map<String, int[]> groups() {
        int[] codes = codes();
        String[] unique = uniqueLabels();
        int[] counts = new int[unique.length];
        for (int c : codes) {
            counts[c]++;
        }
        Map<String, int[]> out = new LinkedHashMap<>();
        int[][] lists = new int[unique.length][];
        for (int g = 0; g < unique.length; g++) {
            lists[g] = new int[counts[g]];
        }
        int[] fill = new int[unique.length];
        for (int i = 0; i < codes.length; i++) {
            lists[codes[i]][fill[codes[i]]++] = i;
        }
        for (int g = 0; g < unique.length; g++) {
            out.put(unique[g], lists[g]);
        }
        return out;
    }

    /** A text coordinate. */
    record Text(String name, String[] values) implements Coordinate {
        public Text {
            for (int i = 0; i < values.length; i++) {
                if (values[i] == null) {
                    throw new IllegalArgumentException("coordinate '" + name + "' has a missing value at position " + i);
                }
            }
            values = values.clone();
        }

        @Override
        public int size() {
            return values.length;
        }

        @Override
        public String label(int i) {
            return values[i];
        }

        @Override
        public Coordinate select(int[] idx) {
            String[] out = new String[idx.length];
            for (int i = 0; i < idx.length; i++) {
                out[i] = values[idx[i]];
            }
            return new Text(name, out);
        }

        @Override
        public int[] codes() {
            TreeMap<String, Integer> rank = new TreeMap<>();
            for (String v : values) {
                rank.put(v, 0);
            }
            int r = 0;
            for (Map.Entry<String, Integer> e : rank.entrySet()) {
                e.setValue(r++);
            }
            int[] out = new int[values.length];
            for (int i = 0; i < values.length; i++) {
                out[i] = rank.get(values[i]);
            }
            return out;
        }

        @Override
        public String[] uniqueLabels() {
            return new java.util.TreeSet<>(Arrays.asList(values)).toArray(String[]::new);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Text t && name.equals(t.name) && Arrays.equals(values, t.values);
        }

        @Override
        public int hashCode() {
            return name.hashCode() * 31 + Arrays.hashCode(values);
        }

        @Override
        public String toString() {
            return "Text[" + name + ", " + values.length + " values]";
        }
    }

    /** A numeric coordinate (integers are stored exactly as doubles up to 2^53). */
    record Numbers(String name, double[] values) implements Coordinate {
        public Numbers {
            values = values.clone();
        }

        @Override
        public int size() {
            return values.length;
        }

        @Override
        public String label(int i) {
            double v = values[i];
            return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
        }

        /** The value at position i. */
        public double value(int i) {
            return values[i];
        }

        @Override
        public Coordinate select(int[] idx) {
            double[] out = new double[idx.length];
            for (int i = 0; i < idx.length; i++) {
                out[i] = values[idx[i]];
            }
            return new Numbers(name, out);
        }

        @Override
        public int[] codes() {
            double[] sorted = Arrays.stream(values).sorted().distinct().toArray();
            int[] out = new int[values.length];
            for (int i = 0; i < values.length; i++) {
                out[i] = Arrays.binarySearch(sorted, values[i]);
            }
            return out;
        }

        @Override
        public String[] uniqueLabels() {
            double[] sorted = Arrays.stream(values).sorted().distinct().toArray();
            String[] out = new String[sorted.length];
            Numbers tmp = new Numbers(name, sorted);
            for (int i = 0; i < sorted.length; i++) {
                out[i] = tmp.label(i);
            }
            return out;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Numbers t && name.equals(t.name) && Arrays.equals(values, t.values);
        }

        @Override
        public int hashCode() {
            return name.hashCode() * 31 + Arrays.hashCode(values);
        }

        @Override
        public String toString() {
            return "Numbers[" + name + ", " + values.length + " values]";
        }
    }
}
