package org.brainalign.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.brainalign.app.drivesuppress.Encoder;
import org.brainalign.app.drivesuppress.SentenceFeatures;
import org.brainalign.benchmarks.drivesuppress.Corpus;
import org.brainalign.benchmarks.drivesuppress.SentenceFilter;
import org.brainalign.models.registry.ModelRegistry;
import org.brainalign.models.registry.ModelRequest;
import org.brainalign.models.registry.OpenedModel;
import org.brainalign.models.subject.ContextWindow;
import org.brainalign.models.subject.Pooling;
import org.brainalign.models.subject.TransformerSubject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code drive-suppress} on the real Tuckute2024 responses with the tiny GPT-2 fixture: the saved
 * encoder, a search killed with SIGKILL and resumed to byte-identical CSVs, padded batches equal to
 * sentences run alone, and an encoder refused on another model.
 */
class DriveSuppressCliTest {
    @TempDir
    static Path tmp;
    static Path encoder;
    static Path corpus;

    @BeforeAll
    static void fit() throws Exception {
        CliTest.Run fit = CliTest.run("drive-suppress", "fit", "--model", CliTest.fixture("tiny-gpt2").toString(), "--layer", "2",
                "--no-progress", "--out", tmp.resolve("fit").toString());
        assertThat(fit.code()).as(fit.err()).isZero();
        assertThat(fit.out()).contains("transformer.h.1").contains("saved the encoder");
        encoder = tmp.resolve("fit/encoder");
        Path data = org.brainalign.core.testing.Shared.require(org.brainalign.core.testing.Shared.Part.DATA);
        corpus = data.resolve("tinyshakespeare/input.txt");
    }

    @Test
    void savedEncoderHoldsItsProvenanceAndPredictsWhatWasFitted() {
        Encoder e = Encoder.load(encoder);
        assertThat(e.modelId()).isEqualTo("tiny-gpt2");
        assertThat(e.checkpoint()).startsWith("sha256:");
        assertThat(e.layer()).isEqualTo("transformer.h.1");
        assertThat(e.sentences()).isEqualTo(1000);
        assertThat(e.wordRange()).containsExactly(6, 7);
        assertThat(e.cvLo()[0]).isLessThan(e.cvR()[0]);
        assertThat(e.cvHi()[0]).isGreaterThan(e.cvR()[0]);
        assertThat(e.baselinePredictions()).hasSize(1000);
    }

    @Test
    void anEncoderIsRefusedOnAnotherModel() {
        // the same architecture and tokenizer with other (untrained) weights
        CliTest.Run r = CliTest.run("drive-suppress", "search", "--encoder", encoder.toString(), "--model",
                "untrained:" + CliTest.fixture("tiny-gpt2"), "--corpus", corpus.toString(), "--no-progress", "--out",
                tmp.resolve("wrong").toString());
        assertThat(r.code()).isNotZero();
        assertThat(r.err()).contains("fitted with model tiny-gpt2").contains("not with untrained:").doesNotContain("Exception");
    }

    /** The search's padded batches give each sentence's prediction as when it runs alone (≤ 1e-5 relative). */
    @Test
    void paddedBatchesPredictWhatEachSentencePredictsAlone() {
        Encoder e = Encoder.load(encoder);
        List<String> sentences = new ArrayList<>();
        Corpus c = new Corpus(List.of(Corpus.Spec.parse(corpus.toString())));
        SentenceFilter filter = new SentenceFilter(3, 20);
        while (c.hasNext() && sentences.size() < 300) {
            String s = c.next().text();
            if (filter.reject(s) == null) {
                sentences.add(s);
            }
        }
        c.close();
        try (OpenedModel m = ModelRegistry.open(CliTest.fixture("tiny-gpt2").toString(),
                new ModelRequest(java.util.Optional.empty(), 0, e.layer(), ContextWindow.defaults()))) {
            var batched = SentenceFeatures.subject(m, List.of(e.layer()), Pooling.LAST);
            var alone = (TransformerSubject) SentenceFeatures.subject(m, List.of(e.layer()), Pooling.LAST);
            alone.batchTokens(1);
            double[] b = SentenceFeatures.predict(batched, e.readout(), 0, sentences);
            double[] a = SentenceFeatures.predict(alone, e.readout(), 0, sentences);
            double scale = java.util.Arrays.stream(a).map(Math::abs).max().orElse(1);
            for (int i = 0; i < a.length; i++) {
                assertThat(Math.abs(a[i] - b[i]) / scale).as("sentence %d: %s", i, sentences.get(i)).isLessThan(1e-5);
            }
        }
    }

    @Test
    void aSearchKilledWithSigkillResumesToIdenticalSelections() throws Exception {
        List<String> args = List.of("drive-suppress", "search", "--encoder", encoder.toString(), "--corpus",
                "text:" + corpus, "--top", "20", "--chunk", "32", "--checkpoint-every", "32", "--no-progress");
        CliTest.Run whole = CliTest.run(concat(args, "--out", tmp.resolve("whole").toString()));
        assertThat(whole.code()).as(whole.err()).isZero();

        Path out = tmp.resolve("killed");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED", "-Dai.djl.offline=true",
                "-cp", System.getProperty("java.class.path"), "org.brainalign.app.Main"));
        cmd.addAll(List.of(concat(args, "--out", out.toString())));
        Process child = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(tmp.resolve("child.log").toFile()).start();
        Path checkpoint = out.resolve("checkpoint.bin");
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (!Files.exists(checkpoint) && child.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(child.isAlive()).as("the child must still be searching when it is killed; log: %s",
                Files.exists(tmp.resolve("child.log")) ? Files.readString(tmp.resolve("child.log")) : "").isTrue();
        child.destroyForcibly(); // SIGKILL
        child.waitFor(30, TimeUnit.SECONDS);
        assertThat(checkpoint).exists();
        assertThat(out.resolve("drive.csv")).doesNotExist();

        CliTest.Run resumed = CliTest.run(concat(args, "--out", out.toString(), "--resume"));
        assertThat(resumed.code()).as(resumed.err()).isZero();
        assertThat(Files.readString(out.resolve("search.json"))).contains("\"resumed\": true");
        for (String f : List.of("drive.csv", "suppress.csv")) {
            assertThat(Files.readString(out.resolve(f))).as(f).isEqualTo(Files.readString(tmp.resolve("whole").resolve(f)));
        }
        assertThat(Files.readAllLines(out.resolve("drive.csv"))).hasSize(21);
        assertThat(checkpoint).doesNotExist();
    }

    /** A truncated weights file or a foreign JSON gives one clear error naming the file, never a score. */
    @Test
    void corruptEncoderFilesAreRefusedByName() throws Exception {
        Path bad = tmp.resolve("bad-encoder");
        Files.createDirectories(bad);
        for (String f : List.of("encoder.safetensors", "encoder.json")) {
            Files.copy(encoder.resolve(f), bad.resolve(f), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        byte[] weights = Files.readAllBytes(bad.resolve("encoder.safetensors"));
        Files.write(bad.resolve("encoder.safetensors"), java.util.Arrays.copyOf(weights, weights.length / 2));
        CliTest.Run truncated = CliTest.run("drive-suppress", "search", "--encoder", bad.toString(), "--corpus", corpus.toString(),
                "--no-progress", "--out", tmp.resolve("bad-out").toString());
        assertThat(truncated.code()).isNotZero();
        assertThat(truncated.err()).contains("encoder.safetensors").doesNotContain("Exception");
        Files.write(bad.resolve("encoder.safetensors"), weights);
        Files.writeString(bad.resolve("encoder.json"), "{\"format\": \"something else\"}");
        CliTest.Run foreign = CliTest.run("drive-suppress", "search", "--encoder", bad.toString(), "--corpus", corpus.toString(),
                "--no-progress", "--out", tmp.resolve("bad-out").toString());
        assertThat(foreign.code()).isNotZero();
        assertThat(foreign.err()).contains("encoder.json").contains("format").doesNotContain("Exception");
        assertThat(tmp.resolve("bad-out").resolve("drive.csv")).doesNotExist();
    }

    private static String[] concat(List<String> args, String... more) {
        List<String> all = new ArrayList<>(args);
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }
}
