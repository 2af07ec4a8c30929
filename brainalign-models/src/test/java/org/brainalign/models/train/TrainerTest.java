package org.brainalign.models.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import org.brainalign.models.LoadedModel;
import org.brainalign.models.ModelLoader;
import org.brainalign.models.TestData;
import org.brainalign.models.nn.ForwardRequest;
import org.brainalign.models.safetensors.SafetensorsFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End-to-end training on a slice of Tiny Shakespeare: the loss falls, the output directory loads
 * through the ordinary model loader with the training graph's logits, an interrupted run resumed
 * from its checkpoint ends with exactly the uninterrupted run's weights, and bad resumes are refused.
 */
class TrainerTest {

    private static TrainOptions options(int steps, boolean topo) {
        return new TrainOptions(2, 16, 2, 32, 4, steps, 5, 3e-3, 3e-4, 4, AdamW.Settings.topoLm(), 1.0, topo, 2.5, 2, 3, 0.1,
                10, 8, 10);
    }

    private static Path text(Path dir) throws IOException {
        String all = Files.readString(TestData.data().resolve("tinyshakespeare").resolve("input.txt"));
        Path file = dir.resolve("slice.txt");
        Files.writeString(file, all.substring(0, 40_000), StandardCharsets.UTF_8);
        return file;
    }

    private static final Trainer.Listener QUIET = (log, steps) -> { };

    @Test
    void trainsLoadsAndResumesExactly(@TempDir Path dir) throws IOException {
        Path text = text(dir);
        Path full = dir.resolve("full");
        Trainer.Result result;
        try (NDManager m = NDManager.newBaseManager()) {
            result = new Trainer(options(30, true), text, new Trainer.TokenizerSource.TrainBpe(300), full).run(m, false, QUIET);
        }
        List<String> log = Files.readAllLines(full.resolve("training").resolve("log.csv"));
        assertThat(log).hasSize(1 + 1 + 30);
        double initial = Double.parseDouble(log.get(1).split(",", -1)[5]);
        assertThat(initial).as("untrained validation loss ≈ ln(vocabulary)").isCloseTo(Math.log(300), within(0.1));
        assertThat(result.validationLoss()).as("30 steps lower the validation loss").isLessThan(initial - 0.3);
        assertThat(log.get(31).split(",", -1)[3]).as("spatial loss logged").isNotEmpty();
        for (String f : List.of("config.json", "model.safetensors", "vocab.json", "merges.txt", HfExport.POSITIONS)) {
            assertThat(full.resolve(f)).isRegularFile();
        }

        // an interrupted run (killed after step 17, last checkpoint at 10) resumed to the end
        Path broken = dir.resolve("broken");
        try (NDManager m = NDManager.newBaseManager()) {
            Trainer.Listener killer = (s, steps) -> {
                if (s.step() == 17) {
                    throw new IllegalStateException("simulated kill");
                }
            };
            assertThatThrownBy(() -> new Trainer(options(30, true), text, new Trainer.TokenizerSource.TrainBpe(300), broken)
                    .run(m, false, killer)).hasMessage("simulated kill");
            assertThatThrownBy(() -> new Trainer(options(30, true), text, new Trainer.TokenizerSource.TrainBpe(300), broken)
                    .run(m, false, QUIET)).hasMessageContaining("already holds a training run; pass --resume");
            assertThatThrownBy(() -> new Trainer(options(31, true), text, new Trainer.TokenizerSource.TrainBpe(300), broken)
                    .run(m, true, QUIET)).hasMessageContaining("steps was 30, now 31");
            Trainer.Result resumed = new Trainer(options(30, true), text, new Trainer.TokenizerSource.TrainBpe(300), broken)
                    .run(m, true, QUIET);
            assertThat(resumed.resumed()).isTrue();
            assertThat(resumed.validationLoss()).isEqualTo(result.validationLoss());
        }
        try (SafetensorsFile a = SafetensorsFile.open(full.resolve("model.safetensors"));
             SafetensorsFile b = SafetensorsFile.open(broken.resolve("model.safetensors"))) {
            assertThat(b.keys()).isEqualTo(a.keys());
            for (String key : a.keys()) {
                assertThat(b.floats(key)).as(key).containsExactly(a.floats(key));
            }
        }
        assertThat(Files.readAllLines(broken.resolve("training").resolve("log.csv"))).hasSize(log.size());

        // the directory is an ordinary HuggingFace GPT-2 that the inference path loads with the same logits
        long[][] ids = {{5, 77, 123, 9, 250, 31}};
        try (NDManager m = NDManager.newBaseManager();
             LoadedModel loaded = ModelLoader.open(full.toString(), ModelLoader.Options.defaults(), m);
             TrainableGpt2 graph = TrainableGpt2.open(full, m, DataType.FLOAT32);
             NDManager scope = m.newSubManager()) {
            assertThat(loaded.tokenizer().vocabularySize()).isEqualTo(300);
            float[] a = loaded.network().forward(scope, ids, new ForwardRequest(new BitSet(), true)).logits().toFloatArray();
            float[] b = graph.forward(scope, ids).logits().toFloatArray();
            for (int i = 0; i < a.length; i++) {
                assertThat(a[i]).isCloseTo(b[i], within(1e-4f));
            }
            List<UnitGrid> grids = HfExport.readPositions(full, graph.spatialNames(), 16);
            assertThat(grids).isEqualTo(UnitGrid.layout(16, 5, 4));
        }
    }

    @Test
    void trainsWithTheGpt2TokenizerFromADirectory(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("gpt2-tok");
        try (NDManager m = NDManager.newBaseManager()) {
            new Trainer(options(5, false), text(dir), new Trainer.TokenizerSource.Directory(TestData.fixture("gpt2-tokenizer")), out)
                    .run(m, false, QUIET);
        }
        assertThat(out.resolve("tokenizer.json")).isRegularFile();
        assertThat(Files.readString(out.resolve("config.json"))).contains("\"vocab_size\": 50257");
        assertThat(out.resolve(HfExport.POSITIONS)).as("a 16-unit control model gets the positions of its topographic twin")
                .isRegularFile();
        assertThatThrownBy(() -> {
            try (NDManager m = NDManager.newBaseManager()) {
                new Trainer(options(5, false), text(dir), new Trainer.TokenizerSource.Directory(dir.resolve("none")),
                        dir.resolve("x")).run(m, false, QUIET);
            }
        }).hasMessageContaining("no tokenizer.json or vocab.json + merges.txt");
    }

    @Test
    void scheduleWarmsUpThenFollowsAHalfCosine() {
        LrSchedule s = new LrSchedule(1e-3, 1e-4, 10, 110);
        assertThat(s.at(0)).isCloseTo(1e-4, within(1e-15));
        assertThat(s.at(9)).isCloseTo(1e-3, within(1e-15));
        assertThat(s.at(10)).isCloseTo(1e-3, within(1e-15));
        assertThat(s.at(59)).as("half-way through the decay: the midpoint").isCloseTo(5.5e-4 + 4.5e-4 * Math.cos(Math.PI * 49 / 99),
                within(1e-15));
        assertThat(s.at(109)).isCloseTo(1e-4, within(1e-15));
        assertThatThrownBy(() -> new LrSchedule(1e-3, 1e-4, 110, 110)).hasMessageContaining("shorter than the run");
    }

    @Test
    void adamWTakesTheClosedFormFirstStep() {
        // After one step from zero moments, Adam moves every entry by lr·sign(g) (bias-corrected m/√v = g/|g|),
        // and decoupled decay first shrinks matrices by (1 − lr·λ).
        try (NDManager m = NDManager.newBaseManager(); NDManager scope = m.newSubManager()) {
            var matrix = m.create(new float[] {1, -2, 3, 4}, new ai.djl.ndarray.types.Shape(2, 2));
            var bias = m.create(new float[] {0.5f, -0.5f});
            try (AdamW adam = new AdamW(Map.of("w", matrix, "b", bias), new AdamW.Settings(0.9, 0.95, 1e-12, 0.1), m)) {
                adam.step(scope, Map.of("w", scope.create(new float[] {0.3f, -0.1f, 0, 2}, new ai.djl.ndarray.types.Shape(2, 2)),
                        "b", scope.create(new float[] {-1, 1})), 0.01);
            }
            float[] w = matrix.toFloatArray();
            assertThat(w[0]).isCloseTo((float) (1 * (1 - 0.001) - 0.01), within(1e-6f));
            assertThat(w[1]).isCloseTo((float) (-2 * (1 - 0.001) + 0.01), within(1e-6f));
            assertThat(w[2]).isCloseTo((float) (3 * (1 - 0.001)), within(1e-6f));
            assertThat(w[3]).isCloseTo((float) (4 * (1 - 0.001) - 0.01), within(1e-6f));
            assertThat(bias.toFloatArray()).containsExactly(new float[] {0.51f, -0.51f}, within(1e-6f));
        }
    }
}
