package org.brainalign.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Progress labels stay short enough that the bar keeps its width, whatever the benchmark id. */
class ConsoleProgressTest {
    @Test
    void longIdsAreCutFromTheLeftAndThePhaseIsKept() {
        assertThat(ConsoleProgress.taskName("Futrell2018-pearsonr", "words")).isEqualTo("Futrell2018-pearsonr words");
        String name = ConsoleProgress.taskName("nextword:/home/someone/corpora/wikitext-103/wiki.test.raw", "pages");
        assertThat(name).hasSize(ConsoleProgress.MAX_NAME).startsWith("…").endsWith("wiki.test.raw pages");
    }
}
