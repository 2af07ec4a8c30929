package org.brainalign.core.assembly;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.brainalign.core.linalg.DMatrix;

/**
 * A float64 presentation × neuroid matrix with typed coordinates along both dimensions — the
 * brainalign form of Brain-Score's {@code NeuroidAssembly}. Presentation coordinates carry
 * {@code stimulus_id}, {@code stimulus} (the text), and the grouping labels (passage, story,
 * sentence, experiment); neuroid coordinates carry {@code neuroid_id}, {@code subject} and, for
 * model activations, {@code layer}. Immutable: every operation returns a new assembly.
 */
public final class Assembly {
    /** The two dimensions. */
    public enum Dim {
        PRESENTATION,
        NEUROID
    }

    private final DMatrix values;
    private final Map<String, Coordinate> presentation;
    private final Map<String, Coordinate> neuroid;

    /** Validates that every coordinate has one value per row (presentation) or column (neuroid). */
    public Assembly(DMatrix values, List<Coordinate> presentationCoords, List<Coordinate> neuroidCoords) {
        this.values = Objects.requireNonNull(values, "values");
        this.presentation = index(presentationCoords, values.rows(), "presentation");
        this.neuroid = index(neuroidCoords, values.cols(), "neuroid");
    }

    private static Map<String, Coordinate> index(List<Coordinate> coords, int size, String dim) {
        Map<String, Coordinate> out = new LinkedHashMap<>();
        for (Coordinate c : coords) {
            if (c.size() != size) {
                throw new IllegalArgumentException("coordinate '" + c.name() + "' has " + c.size() + " values but the "
                        + dim + " dimension has " + size);
            }
            if (out.put(c.name(), c) != null) {
                throw new IllegalArgumentException("duplicate " + dim + " coordinate '" + c.name() + "'");
            }
        }
        return Collections.unmodifiableMap(out);
    }

    /** The matrix (presentations × neuroids). Treat as read-only. */
    public DMatrix values() {
        return values;
    }

    public int presentations() {
        return values.rows();
    }

    public int neuroids() {
        return values.cols();
    }

    /** The named coordinate, or an error listing the ones that exist. */
    public Coordinate coord(Dim dim, String name) {
        Map<String, Coordinate> map = dim == Dim.PRESENTATION ? presentation : neuroid;
        Coordinate c = map.get(name);
        if (c == null) {
            throw new IllegalArgumentException("assembly has no " + dim.name().toLowerCase() + " coordinate '" + name
                    + "'; it has " + map.keySet());
        }
        return c;
    }

    public boolean hasCoord(Dim dim, String name) {
        return (dim == Dim.PRESENTATION ? presentation : neuroid).containsKey(name);
    }

    public List<Coordinate> coords(Dim dim) {
        return List.copyOf((dim == Dim.PRESENTATION ? presentation : neuroid).values());
    }

    /** The assembly restricted to the given positions along {@code dim}, in that order. */
    public Assembly select(Dim dim, int[] idx) {
        if (dim == Dim.PRESENTATION) {
            return new Assembly(values.selectRows(idx), selectAll(presentation, idx), List.copyOf(neuroid.values()));
        }
        return new Assembly(values.selectColumns(idx), List.copyOf(presentation.values()), selectAll(neuroid, idx));
    }

    private static List<Coordinate> selectAll(Map<String, Coordinate> coords, int[] idx) {
        List<Coordinate> out = new ArrayList<>();
        for (Coordinate c : coords.values()) {
            out.add(c.select(idx));
        }
        return out;
    }

    /** Positions along {@code dim} whose coordinate {@code name} equals {@code label}. */
    public int[] where(Dim dim, String name, String label) {
        Coordinate c = coord(dim, name);
        List<Integer> hits = new ArrayList<>();
        for (int i = 0; i < c.size(); i++) {
            if (c.label(i).equals(label)) {
                hits.add(i);
            }
        }
        return hits.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The sub-assembly where coordinate {@code name} equals {@code label}. */
    public Assembly sel(Dim dim, String name, String label) {
        int[] idx = where(dim, name, label);
        if (idx.length == 0) {
            throw new IllegalArgumentException("no " + dim.name().toLowerCase() + " has " + name + "='" + label
                    + "'; values are " + java.util.Arrays.toString(coord(dim, name).uniqueLabels()));
        }
        return select(dim, idx);
    }

    /** Positions grouped by the values of a coordinate, groups in sorted order. */
    public Map<String, int[]> groupBy(Dim dim, String name) {
        return coord(dim, name).groups();
    }

    /** Drops every neuroid with a NaN in any presentation (xarray {@code dropna('neuroid')}). */
    public Assembly dropNaNNeuroids() {
        List<Integer> keep = new ArrayList<>();
        int n = values.rows();
        double[] d = values.data();
        for (int j = 0; j < values.cols(); j++) {
            boolean ok = true;
            for (int i = 0; i < n && ok; i++) {
                ok = !Double.isNaN(d[i + j * n]);
            }
            if (ok) {
                keep.add(j);
            }
        }
        if (keep.size() == values.cols()) {
            return this;
        }
        return select(Dim.NEUROID, keep.stream().mapToInt(Integer::intValue).toArray());
    }

    @Override
    public String toString() {
        return "Assembly[" + presentations() + " presentations x " + neuroids() + " neuroids; presentation coords "
                + presentation.keySet() + "; neuroid coords " + neuroid.keySet() + "]";
    }
}
