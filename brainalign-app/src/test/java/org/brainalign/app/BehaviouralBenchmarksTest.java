package org.brainalign.app;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.List;
import org.brainalign.benchmarks.BenchmarkRegistry;
import org.brainalign.benchmarks.DataSource;
import org.brainalign.benchmarks.RunOptions;
import org.brainalign.benchmarks.data.DataCatalog;
import org.brainalign.benchmarks.data.DataDirectory;
import org.brainalign.benchmarks.wikitext.NextWord;
import org.brainalign.core.score.Score;
import org.brainalign.models.LoadedModel;
import org.brainalign.models.ModelLoader;
import org.brainalign.models.subject.ContextWindow;
import org.brainalign.models.subject.TransformerSubject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The behavioural and engineering benchmarks end to end on the real data with a small untrained
 * model (untrained:distilgpt2): the pipeline runs and every score is finite and in range.
 */
class BehaviouralBenchmarksTest {
    private static NDManager manager;
    private static LoadedModel model;
    private static DataSource data;

    @BeforeAll
    static void open() {
        Path dir = org.brainalign.core.testing.Shared.require(org.brainalign.core.testing.Shared.Part.DATA);
        data = new DataSource(new DataDirectory(dir), DataCatalog.bundled(), false);
        manager = NDManager.newBaseManager();
        model = ModelLoader.open("untrained:distilgpt2", new ModelLoader.Options(java.util.Optional.empty(), 0), manager);
    }

    @AfterAll
    static void close() {
        // Null when the shared folder is absent and the class was skipped before opening them.
        if (model != null) {
            model.close();
        }
        if (manager != null) {
            manager.close();
        }
    }

    private static TransformerSubject subject() {
        return new TransformerSubject(model, manager, new ContextWindow(0, 0), List.of());
    }

    @Test
    void futrell2018RunsOverTheWholeCorpus() {
        Score s = BenchmarkRegistry.create("Futrell2018-pearsonr", data).score(subject(), RunOptions.defaults());
        assertThat(s.raw()).isBetween(0.0, 1.0);
        assertThat(s.ceiling().value()).isEqualTo(0.85804302);
        assertThat(s.normalized()).isBetween(0.0, 1.0);
        assertThat(s.layers().getFirst().note()).contains("pairs");
        assertThat(s.layers().getFirst().rawInterval().known()).isTrue();
    }

    @Test
    void frank2015RunsSentenceBySentence() {
        Score s = BenchmarkRegistry.create("Frank2015-N400", data).score(subject(), RunOptions.defaults());
        assertThat(s.raw()).isBetween(-1.0, 1.0);
        assertThat(s.layers().getFirst().note()).contains("over 1521 words of 205 sentences; score = -r");
        assertThat(s.layers().getFirst().rawInterval().known()).isTrue();
        assertThat(s.ceiling().isPublished()).isFalse();
    }

    @Test
    void syntaxGymSuiteRuns() {
        Score s = BenchmarkRegistry.create("syntaxgym-number_prep", data).score(subject(), RunOptions.defaults());
        assertThat(s.raw()).isBetween(0.0, 1.0);
        assertThat(s.layers().getFirst().note()).matches("\\d+ of \\d+ items");
    }

    /** All 31 suites (3,132 calls; a few minutes), in the slow tier. */
    @org.junit.jupiter.api.Tag("slow")
    @Test
    void syntaxGym2020RunsEverySuite() {
        Score s = BenchmarkRegistry.create("SyntaxGym2020", data).score(subject(), RunOptions.defaults());
        assertThat(s.layers()).hasSize(31).allSatisfy(l -> assertThat(l.raw()).isBetween(0.0, 1.0));
        assertThat(s.raw()).isBetween(0.0, 1.0);
    }

    @Test
    void nextWordOnTinyShakespeareRuns() {
        NextWord nw = new NextWord("shakespeare", data.directory().dataset("tinyshakespeare").resolve("input.txt"), 1500);
        Score s = nw.score(subject(), RunOptions.defaults());
        assertThat(s.raw()).isBetween(0.0, 1.0);
        assertThat(s.layers().getFirst().note()).contains("word perplexity");
    }
}
