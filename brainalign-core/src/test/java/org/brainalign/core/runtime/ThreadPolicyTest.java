package org.brainalign.core.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.brainalign.core.linalg.DMatrix;
import org.brainalign.core.metric.CrossRegressedCorrelation;
import org.brainalign.core.metric.MetricClosedFormTestAccess;
import org.brainalign.core.metric.MetricScore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The thread policy: SMT siblings count once, a request wins over detection, the BLAS line names
 * the kernels OpenBLAS runs, and folds run in parallel (one BLAS thread each) give exactly the
 * scores of folds run one after another.
 */
class ThreadPolicyTest {
    @AfterEach
    void restore() {
        ThreadPolicy.choose(null);
    }

    @Test
    void smtSiblingsAreOneCoreAndOfflineCpusDoNotCount(@TempDir Path sys) throws Exception {
        // 6 logical CPUs: cores 0 and 1 with two threads each, core 2 with one, and cpu5 offline
        String[][] cpus = {{"0", "0"}, {"0", "1"}, {"0", "0"}, {"0", "1"}, {"0", "2"}, {"0", "3"}};
        for (int i = 0; i < cpus.length; i++) {
            Path topology = Files.createDirectories(sys.resolve("cpu" + i).resolve("topology"));
            Files.writeString(topology.resolve("physical_package_id"), cpus[i][0] + "\n");
            Files.writeString(topology.resolve("core_id"), cpus[i][1] + "\n");
        }
        Files.writeString(sys.resolve("cpu5").resolve("online"), "0\n");
        Files.createDirectories(sys.resolve("cpufreq")); // not a CPU
        assertThat(ThreadPolicy.physicalCores(sys)).contains(3);
        assertThat(ThreadPolicy.physicalCores(sys.resolve("missing"))).isEmpty();
    }

    @Test
    void aRequestWinsAndIsReported() {
        ThreadPolicy p = ThreadPolicy.choose(3);
        assertThat(p.threads()).isEqualTo(3);
        assertThat(p.describe()).startsWith("3 threads (--threads)");
        assertThat(ThreadPolicy.current()).isEqualTo(p);
        assertThatThrownBy(() -> new ThreadPolicy(0, "x")).hasMessageContaining("≥ 1");
    }

    @Test
    void theBlasLineNamesOpenBlasKernels() {
        org.junit.jupiter.api.Assumptions.assumeTrue(OpenBlas.library().isPresent(), "needs OpenBLAS");
        String forced = System.getenv("OPENBLAS_CORETYPE");
        String core = OpenBlas.coreName().orElseThrow();
        if (forced != null && !forced.isBlank()) {
            // OpenBLAS reports the kernels it was told to use
            assertThat(core).isEqualToIgnoringCase(forced.strip());
            assertThat(ThreadPolicy.choose(2).describe()).contains(core + " kernels as OPENBLAS_CORETYPE=" + forced);
        } else {
            assertThat(core).matches("[A-Za-z0-9_]+");
            assertThat(ThreadPolicy.choose(2).describe()).contains(core + " kernels)");
        }
    }

    @Test
    void parallelFoldsGiveExactlyTheSequentialScores() {
        DMatrix x = MetricClosedFormTestAccess.gaussian(240, 60, 3);
        DMatrix y = MetricClosedFormTestAccess.gaussian(240, 5, 4);
        for (CrossRegressedCorrelation m : java.util.List.of(CrossRegressedCorrelation.ridgeShuffle(),
                CrossRegressedCorrelation.linearShuffle())) {
            var prepared = m.prepare(MetricClosedFormTestAccess.assembly(y, 12));
            ThreadPolicy.choose(1);
            MetricScore one = m.score(prepared, x);
            ThreadPolicy.choose(2);
            MetricScore two = m.score(prepared, x);
            assertThat(Arrays.deepEquals(one.splitByNeuroid(), two.splitByNeuroid())).isTrue();
            assertThat(two.value()).isEqualTo(one.value());
        }
    }
}
