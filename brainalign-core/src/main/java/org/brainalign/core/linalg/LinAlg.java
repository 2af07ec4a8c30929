package org.brainalign.core.linalg;

import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.blas.JavaBLAS;
import dev.ludovic.netlib.blas.NativeBLAS;
import dev.ludovic.netlib.lapack.JavaLAPACK;
import dev.ludovic.netlib.lapack.LAPACK;
import dev.ludovic.netlib.lapack.NativeLAPACK;
import org.netlib.util.intW;

/**
 * The float64 linear-algebra backend of every regression and ceiling: BLAS/LAPACK through netlib,
 * either the system's native library (Debian OpenBLAS, {@code libopenblas0-pthread}) or netlib's
 * pure-Java implementation. Both run the same LAPACK algorithms, so results agree to rounding; a
 * test holds them to that. {@link #get()} picks native when it loads, unless the system property
 * {@code brainalign.linalg} is {@code java}; {@code native} makes a missing library an error.
 */
public final class LinAlg {
    private static volatile LinAlg defaultInstance;

    private final BLAS blas;
    private final LAPACK lapack;
    private final String name;

    private LinAlg(BLAS blas, LAPACK lapack, String name) {
        this.blas = blas;
        this.lapack = lapack;
        this.name = name;
    }

    /** The process-wide backend chosen by {@code brainalign.linalg} (auto, native or java). */
    public static LinAlg get() {
        LinAlg la = defaultInstance;
        if (la == null) {
            synchronized (LinAlg.class) {
                if (defaultInstance == null) {
                    defaultInstance = choose(System.getProperty("brainalign.linalg", "auto"));
                }
                la = defaultInstance;
            }
        }
        return la;
    }

    private static LinAlg choose(String mode) {
        return switch (mode) {
            case "java" -> pureJava();
            case "native" -> nativeBackend();
            case "auto" -> {
                try {
                    yield nativeBackend();
                } catch (IllegalStateException e) {
                    yield pureJava();
                }
            }
            default -> throw new IllegalArgumentException(
                    "system property brainalign.linalg must be auto, native or java; found '" + mode + "'");
        };
    }

    /** netlib's pure-Java BLAS (vectorised where the JDK allows) and F2J LAPACK. */
    public static LinAlg pureJava() {
        return new LinAlg(JavaBLAS.getInstance(), JavaLAPACK.getInstance(), "java");
    }

    /** The system BLAS/LAPACK (OpenBLAS); fails with instructions when it cannot be loaded. */
    public static LinAlg nativeBackend() {
        try {
            return new LinAlg(NativeBLAS.getInstance(), NativeLAPACK.getInstance(), "native");
        } catch (RuntimeException | LinkageError e) {
            throw new IllegalStateException(
                    "native BLAS/LAPACK could not be loaded (" + e.getMessage()
                            + "); install OpenBLAS (Debian: apt-get install libopenblas0-pthread) or run with -Dbrainalign.linalg=java");
        }
    }

    /** "native" or "java". */
    public String name() {
        return name;
    }

    /** C = alpha · op(A) · op(B) + beta · C. */
    public void gemm(boolean transA, boolean transB, double alpha, DMatrix a, DMatrix b, double beta, DMatrix c) {
        int m = transA ? a.cols() : a.rows();
        int k = transA ? a.rows() : a.cols();
        int kb = transB ? b.cols() : b.rows();
        int n = transB ? b.rows() : b.cols();
        if (k != kb || c.rows() != m || c.cols() != n) {
            throw new IllegalArgumentException("gemm shape mismatch: op(A) " + m + "x" + k + ", op(B) " + kb + "x" + n
                    + ", C " + c.rows() + "x" + c.cols());
        }
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0) {
            scale(c, beta);
            return;
        }
        blas.dgemm(transA ? "T" : "N", transB ? "T" : "N", m, n, k, alpha, a.data(), Math.max(1, a.rows()),
                b.data(), Math.max(1, b.rows()), beta, c.data(), Math.max(1, c.rows()));
    }

    /** op(A) · op(B) into a new matrix. */
    public DMatrix multiply(boolean transA, DMatrix a, boolean transB, DMatrix b) {
        DMatrix c = DMatrix.zeros(transA ? a.cols() : a.rows(), transB ? b.rows() : b.cols());
        gemm(transA, transB, 1.0, a, b, 0.0, c);
        return c;
    }

    /** The Gram matrix A·Aᵀ (rows × rows), full (both triangles filled). */
    public DMatrix gramRows(DMatrix a) {
        int n = a.rows();
        DMatrix c = DMatrix.zeros(n, n);
        if (n == 0) {
            return c;
        }
        if (a.cols() > 0) {
            blas.dsyrk("L", "N", n, a.cols(), 1.0, a.data(), Math.max(1, n), 0.0, c.data(), n);
        }
        symmetrizeFromLower(c);
        return c;
    }

    /** The Gram matrix Aᵀ·A (cols × cols), full. */
    public DMatrix gramCols(DMatrix a) {
        int p = a.cols();
        DMatrix c = DMatrix.zeros(p, p);
        if (p == 0) {
            return c;
        }
        if (a.rows() > 0) {
            blas.dsyrk("L", "T", p, a.rows(), 1.0, a.data(), Math.max(1, a.rows()), 0.0, c.data(), p);
        }
        symmetrizeFromLower(c);
        return c;
    }

    private static void symmetrizeFromLower(DMatrix c) {
        int n = c.rows();
        double[] d = c.data();
        for (int j = 0; j < n; j++) {
            for (int i = j + 1; i < n; i++) {
                d[j + i * n] = d[i + j * n];
            }
        }
    }

    private static void scale(DMatrix c, double beta) {
        double[] d = c.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = beta == 0 ? 0 : d[i] * beta;
        }
    }

    /**
     * Eigendecomposition of a symmetric matrix (LAPACK {@code dsyevd}, lower triangle): eigenvalues
     * ascending, eigenvectors as the columns of {@code vectors}. The input is not modified.
     */
    public Eigen symmetricEigen(DMatrix s) {
        int n = s.rows();
        if (s.cols() != n) {
            throw new IllegalArgumentException("eigendecomposition needs a square matrix, got " + n + "x" + s.cols());
        }
        double[] a = s.data().clone();
        double[] w = new double[n];
        if (n == 0) {
            return new Eigen(w, new DMatrix(0, 0, a));
        }
        intW info = new intW(0);
        double[] workQuery = new double[1];
        int[] iworkQuery = new int[1];
        lapack.dsyevd("V", "L", n, a, n, w, workQuery, -1, iworkQuery, -1, info);
        int lwork = Math.max(1, (int) workQuery[0]);
        int liwork = Math.max(1, iworkQuery[0]);
        lapack.dsyevd("V", "L", n, a, n, w, new double[lwork], lwork, new int[liwork], liwork, info);
        if (info.val != 0) {
            throw new ArithmeticException("LAPACK dsyevd failed to converge on a " + n + "x" + n + " matrix (info=" + info.val + ")");
        }
        return new Eigen(w, new DMatrix(n, n, a));
    }

    /** Eigenvalues (ascending) and eigenvectors (columns) of a symmetric matrix. */
    public record Eigen(double[] values, DMatrix vectors) {}
}
