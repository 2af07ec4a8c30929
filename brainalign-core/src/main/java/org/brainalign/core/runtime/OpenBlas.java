package org.brainalign.core.runtime;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.Optional;

/**
 * The machine's OpenBLAS (Debian's {@code libopenblas0-pthread}), found once through the Java
 * foreign-function interface: the one place that knows the library names to try. Its functions
 * ({@code openblas_set_num_threads} for the thread policy, {@code cblas_sgemm} for the forward
 * passes' matrix products) are looked up here. When no OpenBLAS is loadable, {@link #library()} is
 * empty and {@link #absence()} says why, so callers can report it rather than guess.
 */
public final class OpenBlas {
    private static final String[] NAMES = {"libopenblas.so.0", "libopenblas.so", "libblas.so.3"};
    private static final Found FOUND = find();

    private record Found(String name, SymbolLookup lookup, String absence) {}

    private OpenBlas() {}

    private static Found find() {
        StringBuilder tried = new StringBuilder();
        for (String name : NAMES) {
            try {
                SymbolLookup lookup = SymbolLookup.libraryLookup(name, Arena.global());
                if (lookup.find("openblas_set_num_threads").isPresent()) {
                    return new Found(name, lookup, null);
                }
                tried.append(name).append(" is not OpenBLAS; ");
            } catch (IllegalArgumentException e) {
                tried.append(name).append(" not loadable; ");
            }
        }
        return new Found(null, null, "no OpenBLAS found (" + tried.toString().replaceAll("; $", "") + ")");
    }

    /** The library's file name when OpenBLAS is loadable. */
    public static Optional<String> library() {
        return Optional.ofNullable(FOUND.name());
    }

    /**
     * The kernel family OpenBLAS chose for this processor ({@code openblas_get_corename}, e.g.
     * {@code Haswell}, {@code SkylakeX}, {@code Cooperlake}), which sets its GEMM speed: on one AMD
     * EPYC (Zen 4) the AVX-512 kernels ran sgemm at about 1.8 times the Haswell (AVX2) kernels'
     * throughput. It follows the processor unless {@code OPENBLAS_CORETYPE} forces one. Empty when
     * OpenBLAS is absent or does not say.
     */
    public static Optional<String> coreName() {
        return CORE_NAME;
    }

    /**
     * The kernels for bench outputs: {@link #coreName()}, and whether {@code OPENBLAS_CORETYPE}
     * forced them (e.g. {@code Haswell kernels as OPENBLAS_CORETYPE=Haswell asks}).
     */
    public static Optional<String> kernels() {
        String forced = System.getenv("OPENBLAS_CORETYPE");
        return CORE_NAME.map(n -> n + " kernels"
                + (forced == null || forced.isBlank() ? "" : " as OPENBLAS_CORETYPE=" + forced + " asks"));
    }

    /** Asked once: OpenBLAS fixes its kernels when it loads. */
    private static final Optional<String> CORE_NAME = askCoreName();

    private static Optional<String> askCoreName() {
        return function("openblas_get_corename", FunctionDescriptor.of(ValueLayout.ADDRESS)).map(h -> {
            try {
                MemorySegment name = (MemorySegment) h.invokeExact();
                return name.equals(MemorySegment.NULL) ? null : name.reinterpret(256).getString(0);
            } catch (Throwable e) {
                throw new IllegalStateException("openblas_get_corename failed: " + e.getMessage(), e);
            }
        }).map(String::strip).filter(n -> !n.isEmpty());
    }

    /** Why OpenBLAS is not available (empty when it is). */
    public static Optional<String> absence() {
        return Optional.ofNullable(FOUND.absence());
    }

    /**
     * A downcall handle for {@code symbol} with {@code descriptor} and {@code options}, or empty when OpenBLAS is not
     * loadable or lacks the symbol.
     */
    public static Optional<MethodHandle> function(String symbol, FunctionDescriptor descriptor, Linker.Option... options) {
        if (FOUND.lookup() == null) {
            return Optional.empty();
        }
        Optional<MemorySegment> fn = FOUND.lookup().find(symbol);
        return fn.map(f -> Linker.nativeLinker().downcallHandle(f, descriptor, options));
    }

    /** Row-major order and the transpose flags of the CBLAS interface. */
    private static final int ROW_MAJOR = 101;
    private static final int NO_TRANS = 111;
    private static final int TRANS = 112;

    /**
     * A critical downcall ({@link Linker.Option#critical}): the matrices may be Java arrays, which
     * the JVM passes without copying; garbage collection waits for the call to return.
     */
    private static final MethodHandle SGEMM = function("cblas_sgemm", FunctionDescriptor.ofVoid(
            ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT,
            ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT,
            ValueLayout.JAVA_FLOAT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT,
            ValueLayout.ADDRESS, ValueLayout.JAVA_INT,
            ValueLayout.JAVA_FLOAT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT), Linker.Option.critical(true)).orElse(null);

    /** Whether {@link #sgemm} can run (OpenBLAS with {@code cblas_sgemm} is loadable). */
    public static boolean hasSgemm() {
        return SGEMM != null;
    }

    /**
     * Row-major float32 {@code C = alpha · op(A) · op(B) + beta · C} with C of shape [m, n] and K
     * summed over: {@code cblas_sgemm}. {@code a}, {@code b} and {@code c} start at the matrices' first
     * elements; {@code lda}, {@code ldb}, {@code ldc} are row strides in elements, so a matrix can be
     * a column band of a wider one. With {@code beta} 0, C's prior contents are ignored. Segments may
     * be native or wrap Java float arrays.
     *
     * @throws IllegalStateException when OpenBLAS is not available
     */
    public static void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
            MemorySegment a, int lda, MemorySegment b, int ldb, float beta, MemorySegment c, int ldc) {
        if (SGEMM == null) {
            throw new IllegalStateException("cblas_sgemm unavailable: " + absence().orElse("OpenBLAS lacks it"));
        }
        try {
            SGEMM.invokeExact(ROW_MAJOR, transA ? TRANS : NO_TRANS, transB ? TRANS : NO_TRANS, m, n, k,
                    alpha, a, lda, b, ldb, beta, c, ldc);
        } catch (Throwable e) {
            throw new IllegalStateException("cblas_sgemm [" + m + ", " + k + "] x [" + k + ", " + n + "] failed: "
                    + e.getMessage(), e);
        }
    }

    private static final MethodHandle SGEMV = function("cblas_sgemv", FunctionDescriptor.ofVoid(
            ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT,
            ValueLayout.JAVA_FLOAT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT,
            ValueLayout.ADDRESS, ValueLayout.JAVA_INT,
            ValueLayout.JAVA_FLOAT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT), Linker.Option.critical(true)).orElse(null);

    /** Whether {@link #sgemv} can run (OpenBLAS with {@code cblas_sgemv} is loadable). */
    public static boolean hasSgemv() {
        return SGEMV != null;
    }

    /**
     * Row-major float32 {@code y = alpha · A · x + beta · y} for A of shape [m, n] with row stride
     * {@code lda} and contiguous vectors: {@code cblas_sgemv}. Segments may be native or wrap Java
     * float arrays.
     *
     * @throws IllegalStateException when OpenBLAS (or its {@code cblas_sgemv}) is not available
     */
    public static void sgemv(int m, int n, float alpha, MemorySegment a, int lda, MemorySegment x, float beta,
            MemorySegment y) {
        if (SGEMV == null) {
            throw new IllegalStateException("cblas_sgemv unavailable: " + absence().orElse("OpenBLAS lacks it"));
        }
        try {
            SGEMV.invokeExact(ROW_MAJOR, NO_TRANS, m, n, alpha, a, lda, x, 1, beta, y, 1);
        } catch (Throwable e) {
            throw new IllegalStateException("cblas_sgemv [" + m + ", " + n + "] failed: " + e.getMessage(), e);
        }
    }
}
