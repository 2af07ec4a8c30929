package org.brainalign.core.runtime;

import java.io.IOException;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * How many threads the native compute libraries (libtorch for forward passes, OpenBLAS for the
 * regressions) may use: what the user asked for ({@code --threads} or {@code BRAINALIGN_THREADS}),
 * else what the machine delivers — the processors this JVM may run on (which honours cgroup quotas
 * and CPU affinity), but no more than the distinct physical cores behind them (SMT siblings share
 * one core's arithmetic units, so a second thread on them mostly adds contention). Every bench
 * output prints {@link #describe()}.
 */
public record ThreadPolicy(int threads, String source) {
    /** The environment variable that overrides detection. */
    public static final String ENV = "BRAINALIGN_THREADS";

    public ThreadPolicy {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be ≥ 1, got " + threads);
        }
    }

    private static volatile ThreadPolicy current;

    /** The policy in force: set by {@link #choose}, else detected on first use. */
    public static ThreadPolicy current() {
        ThreadPolicy p = current;
        if (p == null) {
            p = choose(null);
        }
        return p;
    }

    /**
     * Chooses the policy — {@code requested} (from {@code --threads}) if given, else
     * {@value #ENV}, else detection — makes it {@link #current()} and applies it to OpenBLAS.
     */
    public static synchronized ThreadPolicy choose(Integer requested) {
        ThreadPolicy p;
        if (requested != null) {
            p = new ThreadPolicy(requested, "--threads");
        } else if (System.getenv(ENV) != null && !System.getenv(ENV).isBlank()) {
            String v = System.getenv(ENV).strip();
            try {
                p = new ThreadPolicy(Integer.parseInt(v), ENV);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(ENV + "=" + v + ": expected a whole number of threads ≥ 1");
            }
        } else {
            p = detect();
        }
        current = p;
        p.applyToBlas();
        return p;
    }

    /** What the machine delivers: available processors, capped by their distinct physical cores. */
    public static ThreadPolicy detect() {
        int available = Runtime.getRuntime().availableProcessors();
        Optional<Integer> cores = physicalCores(Path.of("/sys/devices/system/cpu"));
        int threads = Math.max(1, cores.map(c -> Math.min(c, available)).orElse(available));
        return new ThreadPolicy(threads, "detected: " + available + " available processor" + (available == 1 ? "" : "s")
                + cores.map(c -> ", " + c + " physical core" + (c == 1 ? "" : "s")).orElse(", cores unknown"));
    }

    /** Distinct (package, core) pairs of the online CPUs under {@code sysfs}, if it can be read. */
    static Optional<Integer> physicalCores(Path sysfs) {
        Set<String> cores = new HashSet<>();
        try (var cpus = Files.list(sysfs)) {
            for (Path cpu : (Iterable<Path>) cpus.filter(d -> d.getFileName().toString().matches("cpu[0-9]+"))::iterator) {
                Path online = cpu.resolve("online");
                if (Files.exists(online) && Files.readString(online).strip().equals("0")) {
                    continue;
                }
                Path core = cpu.resolve("topology/core_id");
                Path pkg = cpu.resolve("topology/physical_package_id");
                if (!Files.exists(core) || !Files.exists(pkg)) {
                    return Optional.empty();
                }
                cores.add(Files.readString(pkg).strip() + "/" + Files.readString(core).strip());
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        return cores.isEmpty() ? Optional.empty() : Optional.of(cores.size());
    }

    private static volatile String blasApplied = "not applied";

    /**
     * OpenBLAS's own thread count: one. Every BLAS user parallelises above it (a metric's folds, a
     * ceiling's neuroids, GPT-2's column bands), and OpenBLAS's results depend on its thread count:
     * a count that one caller changed while another's regression ran made Spark tasks sharing a JVM
     * differ from serial scoring in the tenth digit.
     */
    static final int BLAS_THREADS = 1;

    private static void setBlas(java.lang.invoke.MethodHandle h, int n) {
        try {
            h.invokeExact(n);
        } catch (Throwable e) {
            throw new IllegalStateException("openblas_set_num_threads(" + n + ") failed: " + e.getMessage(), e);
        }
    }

    /**
     * Sets OpenBLAS to {@link #BLAS_THREADS} through {@code openblas_set_num_threads} when an OpenBLAS
     * is loadable (Debian's {@code libopenblas0-pthread}); otherwise says why not.
     */
    void applyToBlas() {
        Optional<java.lang.invoke.MethodHandle> h = OpenBlas.function("openblas_set_num_threads",
                FunctionDescriptor.ofVoid(ValueLayout.JAVA_INT));
        if (h.isEmpty()) {
            blasApplied = OpenBlas.absence().orElse("OpenBLAS lacks openblas_set_num_threads")
                    + " (the regression BLAS keeps its own default)";
            return;
        }
        setBlas(h.get(), BLAS_THREADS);
        blasApplied = "OpenBLAS (" + OpenBlas.library().orElseThrow() + OpenBlas.kernels().map(k -> ", " + k).orElse("")
                + ") 1 thread per worker";
    }

    /** One line for bench outputs: the count, where it came from, and what it was applied to. */
    public String describe() {
        return threads + " thread" + (threads == 1 ? "" : "s") + " (" + source + "); BLAS: " + blasApplied;
    }
}
