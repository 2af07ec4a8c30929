package org.brainalign.core.linalg;

import java.util.Arrays;

/**
 * A dense float64 matrix in column-major order (the layout BLAS and LAPACK expect): element
 * (i, j) lives at {@code data[i + j * rows]}. Used for regression features (samples × features),
 * targets (samples × neuroids) and kernels (samples × samples). Mutable on purpose — the numeric
 * kernels write into preallocated matrices — so treat instances as owned by one computation.
 */
public final class DMatrix {
    private final int rows;
    private final int cols;
    private final double[] data;

    /** Wraps {@code data} (column-major, length rows × cols) without copying. */
    public DMatrix(int rows, int cols, double[] data) {
        if (rows < 0 || cols < 0) {
            throw new IllegalArgumentException("matrix dimensions must be >= 0, got " + rows + "x" + cols);
        }
        if ((long) rows * cols != data.length) {
            throw new IllegalArgumentException(
                    "a " + rows + "x" + cols + " matrix needs " + ((long) rows * cols) + " values, got " + data.length);
        }
        this.rows = rows;
        this.cols = cols;
        this.data = data;
    }

    /** A zero matrix. */
    public static DMatrix zeros(int rows, int cols) {
        return new DMatrix(rows, cols, new double[Math.multiplyExact(rows, cols)]);
    }

    /** Builds a matrix from row arrays (all the same length). */
    public static DMatrix ofRows(double[][] rowsData) {
        int r = rowsData.length;
        int c = r == 0 ? 0 : rowsData[0].length;
        DMatrix m = zeros(r, c);
        for (int i = 0; i < r; i++) {
            if (rowsData[i].length != c) {
                throw new IllegalArgumentException("row " + i + " has " + rowsData[i].length + " values, expected " + c);
            }
            for (int j = 0; j < c; j++) {
                m.set(i, j, rowsData[i][j]);
            }
        }
        return m;
    }

    /** Builds a matrix from a row-major float array (as activations are stored). */
    public static DMatrix ofRowMajor(int rows, int cols, float[] values) {
        if ((long) rows * cols != values.length) {
            throw new IllegalArgumentException("expected " + ((long) rows * cols) + " values, got " + values.length);
        }
        DMatrix m = zeros(rows, cols);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                m.data[i + j * rows] = values[i * cols + j];
            }
        }
        return m;
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    /** The backing column-major array (not a copy). */
    public double[] data() {
        return data;
    }

    public double get(int i, int j) {
        return data[i + j * rows];
    }

    public void set(int i, int j, double v) {
        data[i + j * rows] = v;
    }

    /** A copy of column j. */
    public double[] column(int j) {
        return Arrays.copyOfRange(data, j * rows, (j + 1) * rows);
    }

    /** A copy of row i. */
    public double[] row(int i) {
        double[] out = new double[cols];
        for (int j = 0; j < cols; j++) {
            out[j] = data[i + j * rows];
        }
        return out;
    }

    /** The sub-matrix with the given rows (in that order) and all columns. */
    public DMatrix selectRows(int[] rowIdx) {
        DMatrix out = zeros(rowIdx.length, cols);
        for (int j = 0; j < cols; j++) {
            int src = j * rows;
            int dst = j * rowIdx.length;
            for (int i = 0; i < rowIdx.length; i++) {
                out.data[dst + i] = data[src + rowIdx[i]];
            }
        }
        return out;
    }

    /** The sub-matrix with the given columns (in that order) and all rows. */
    public DMatrix selectColumns(int[] colIdx) {
        DMatrix out = zeros(rows, colIdx.length);
        for (int j = 0; j < colIdx.length; j++) {
            System.arraycopy(data, colIdx[j] * rows, out.data, j * rows, rows);
        }
        return out;
    }

    /** The sub-matrix {@code [rowIdx, colIdx]}. */
    public DMatrix select(int[] rowIdx, int[] colIdx) {
        DMatrix out = zeros(rowIdx.length, colIdx.length);
        for (int j = 0; j < colIdx.length; j++) {
            int src = colIdx[j] * rows;
            int dst = j * rowIdx.length;
            for (int i = 0; i < rowIdx.length; i++) {
                out.data[dst + i] = data[src + rowIdx[i]];
            }
        }
        return out;
    }

    /** Horizontal concatenation (same row count). */
    public static DMatrix hstack(java.util.List<DMatrix> parts) {
        int r = parts.getFirst().rows;
        int c = 0;
        for (DMatrix p : parts) {
            if (p.rows != r) {
                throw new IllegalArgumentException("hstack needs equal row counts, got " + r + " and " + p.rows);
            }
            c += p.cols;
        }
        DMatrix out = zeros(r, c);
        int offset = 0;
        for (DMatrix p : parts) {
            System.arraycopy(p.data, 0, out.data, offset, p.data.length);
            offset += p.data.length;
        }
        return out;
    }

    /** Column means. */
    public double[] columnMeans() {
        double[] mean = new double[cols];
        for (int j = 0; j < cols; j++) {
            double s = 0;
            int base = j * rows;
            for (int i = 0; i < rows; i++) {
                s += data[base + i];
            }
            mean[j] = s / rows;
        }
        return mean;
    }

    /** A copy with {@code mean[j]} subtracted from column j. */
    public DMatrix centered(double[] mean) {
        DMatrix out = zeros(rows, cols);
        for (int j = 0; j < cols; j++) {
            int base = j * rows;
            double m = mean[j];
            for (int i = 0; i < rows; i++) {
                out.data[base + i] = data[base + i] - m;
            }
        }
        return out;
    }

    public DMatrix copy() {
        return new DMatrix(rows, cols, data.clone());
    }

    @Override
    public String toString() {
        return "DMatrix[" + rows + "x" + cols + "]";
    }
}
