package org.brainalign.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's native-BLAS check ({@code bin/native-blas.sh}) against an {@code ldconfig} whose
 * list is long and names OpenBLAS first: the old {@code ldconfig -p | grep -q} under
 * {@code pipefail} fails there (grep exits at the first line, ldconfig dies of SIGPIPE), which made
 * {@code bin/brainalign} load the Vector API and print its incubator warning at random; the check
 * reads the whole list and succeeds every time.
 */
class LauncherBlasCheckTest {

    private static int bash(Path fakeBin, String script) throws Exception {
        Path root = Path.of("").toAbsolutePath().getParent();
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", "set -euo pipefail; PATH=" + fakeBin + ":$PATH; " + script)
                .directory(root.toFile()).redirectErrorStream(true);
        Process p = pb.start();
        p.getInputStream().readAllBytes();
        return p.waitFor();
    }

    @Test
    void aLongLdconfigListNamingOpenBlasFirstIsFoundEveryTime(@TempDir Path tmp) throws Exception {
        Path fake = tmp.resolve("ldconfig");
        Files.writeString(fake, "#!/bin/sh\nprintf '\\tlibopenblas.so.0 (libc6,x86-64) => /usr/lib/libopenblas.so.0\\n'\n"
                + "head -c 4000000 /dev/zero | tr '\\0' 'x'\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertThat(bash(tmp, "ldconfig -p 2>/dev/null | grep -qE 'libblas\\.so\\.3|libopenblas'"))
                .as("the old pipe fails: ldconfig is killed by SIGPIPE").isNotZero();
        for (int i = 0; i < 5; i++) {
            assertThat(bash(tmp, "source bin/native-blas.sh; has_native_blas")).as("run %d", i).isZero();
        }
        Files.writeString(fake, "#!/bin/sh\nprintf '\\tlibc.so.6 (libc6,x86-64) => /lib/libc.so.6\\n'\n");
        assertThat(bash(tmp, "source bin/native-blas.sh; has_native_blas")).as("no BLAS listed").isNotZero();
        Files.delete(fake);
        assertThat(bash(tmp, "PATH=" + tmp + "; source bin/native-blas.sh; has_native_blas")).as("no ldconfig at all").isNotZero();
    }
}
