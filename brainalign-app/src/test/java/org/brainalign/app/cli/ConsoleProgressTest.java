package org.brainalign.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Progress labels keep the bar's width and both ends of a long id; written to a file or a pipe,
 * progress is one line per phase, never carriage-return redraws.
 */
class ConsoleProgressTest {
    @Test
    void longIdsAreCutInTheMiddleAndThePhaseIsKept() {
        assertThat(ConsoleProgress.taskName("Futrell2018-pearsonr", "words")).isEqualTo("Futrell2018-pearsonr words");
        String name = ConsoleProgress.taskName("Pereira2018.243sentences-ridge", "features");
        assertThat(name).hasSizeLessThanOrEqualTo(ConsoleProgress.MAX_NAME).startsWith("Pereira").contains("…")
                .endsWith("-ridge features");
        String path = ConsoleProgress.taskName("nextword:/home/someone/corpora/wikitext-103/wiki.test.raw", "pages");
        assertThat(path).hasSize(ConsoleProgress.MAX_NAME).startsWith("nextword:").endsWith(".raw pages");
    }

    @Test
    void aFileOrPipeGetsOneLinePerPhaseAndNoRedraws() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream sink = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        try (ConsoleProgress p = new ConsoleProgress("Tuckute2024-ridge", true, false, sink)) {
            for (int i = 0; i <= 500; i++) {
                p.update("features", i, 500);
            }
            for (int i = 0; i <= 7; i++) {
                p.update("layers", i, 7);
            }
        }
        String log = bytes.toString(StandardCharsets.UTF_8);
        assertThat(log).doesNotContain("\r");
        assertThat(log.lines().toList()).hasSize(2);
        assertThat(log.lines().toList().get(0)).startsWith("Tuckute2024-ridge features: 500/500 in ");
        assertThat(log.lines().toList().get(1)).startsWith("Tuckute2024-ridge layers: 7/7 in ");
        ByteArrayOutputStream quiet = new ByteArrayOutputStream();
        try (ConsoleProgress p = new ConsoleProgress("x", false, false, new PrintStream(quiet, true, StandardCharsets.UTF_8))) {
            p.update("features", 1, 1);
        }
        assertThat(quiet.size()).as("--no-progress draws nothing").isZero();
    }
}
