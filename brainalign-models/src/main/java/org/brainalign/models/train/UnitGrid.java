package org.brainalign.models.train;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Where the C units of one spatial output sit on a √C × √C grid: unit {@code u} occupies cell
 * {@code cellOfUnit[u]} (row-major, {@code row = cell / side}). TopoLM lays every layer output on
 * the grid in a fixed random permutation drawn once at initialisation and never moved.
 *
 * @param side grid side length
 * @param cellOfUnit a permutation of {@code 0 … side²−1}
 */
public record UnitGrid(int side, int[] cellOfUnit) {

    public UnitGrid {
        if (side <= 0 || (long) side * side != cellOfUnit.length) {
            throw new IllegalArgumentException("unit grid: " + cellOfUnit.length + " units do not fill a " + side + " × " + side
                    + " grid");
        }
        boolean[] seen = new boolean[cellOfUnit.length];
        for (int cell : cellOfUnit) {
            if (cell < 0 || cell >= seen.length || seen[cell]) {
                throw new IllegalArgumentException("unit grid: cell " + cell + " is out of range or taken twice; positions must be"
                        + " a permutation of the " + side + " × " + side + " grid");
            }
            seen[cell] = true;
        }
        cellOfUnit = cellOfUnit.clone();
    }

    /** Whether {@code units} units fill a square grid. */
    public static boolean fits(int units) {
        int side = (int) Math.round(Math.sqrt(units));
        return side * side == units;
    }

    /** The grid side for {@code units} units, or an error if {@code units} is not a perfect square. */
    public static int sideFor(int units) {
        int side = (int) Math.round(Math.sqrt(units));
        if (!fits(units)) {
            throw new IllegalArgumentException("a topographic layer needs a square number of units (e.g. 256 = 16²); "
                    + "the model has " + units);
        }
        return side;
    }

    /** A uniformly random placement of {@code units} units (Fisher–Yates from {@code seed}). */
    public static UnitGrid random(int units, long seed) {
        int side = sideFor(units);
        int[] cells = new int[units];
        for (int i = 0; i < units; i++) {
            cells[i] = i;
        }
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = units - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = cells[i];
            cells[i] = cells[j];
            cells[j] = t;
        }
        return new UnitGrid(side, cells);
    }

    /**
     * The layout {@code brainalign train} gives a model with {@code outputs} spatial outputs of
     * {@code units} units from {@code seed}: output {@code i} is a random permutation seeded by
     * {@code seed · 1000003 + i}. Control models get the same layout as their topographic twin.
     */
    public static java.util.List<UnitGrid> layout(int units, long seed, int outputs) {
        java.util.List<UnitGrid> grids = new java.util.ArrayList<>();
        for (int i = 0; i < outputs; i++) {
            grids.add(random(units, seed * 1_000_003L + i));
        }
        return grids;
    }

    /** The unit at each cell (the inverse permutation). */
    public int[] unitAtCell() {
        int[] inverse = new int[cellOfUnit.length];
        for (int u = 0; u < cellOfUnit.length; u++) {
            inverse[cellOfUnit[u]] = u;
        }
        return inverse;
    }

    /** Places per-unit {@code values} on the grid: result[row][col]. */
    public double[][] toGrid(double[] values) {
        if (values.length != cellOfUnit.length) {
            throw new IllegalArgumentException("expected " + cellOfUnit.length + " unit values, got " + values.length);
        }
        double[][] grid = new double[side][side];
        for (int u = 0; u < values.length; u++) {
            grid[cellOfUnit[u] / side][cellOfUnit[u] % side] = values[u];
        }
        return grid;
    }

    @Override
    public int[] cellOfUnit() {
        return cellOfUnit.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UnitGrid g && g.side == side && Arrays.equals(g.cellOfUnit, cellOfUnit);
    }

    @Override
    public int hashCode() {
        return 31 * side + Arrays.hashCode(cellOfUnit);
    }
}
