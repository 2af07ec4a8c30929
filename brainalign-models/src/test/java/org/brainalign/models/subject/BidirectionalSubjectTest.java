package org.brainalign.models.subject;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;
import org.brainalign.core.subject.Modality;
import org.brainalign.core.subject.Region;
import org.brainalign.core.subject.SubjectOutput;
import org.brainalign.core.subject.Task;
import org.brainalign.models.LoadedModel;
import org.brainalign.models.ModelLoader;
import org.brainalign.models.TestData;
import org.brainalign.models.nn.ForwardOutput;
import org.brainalign.models.nn.ForwardRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Encoders must not see later parts: part i of a call on tiny-bert / tiny-roberta equals a plain
 * forward over {@code [CLS] w0 … wi [SEP]} at wi's position.
 */
class BidirectionalSubjectTest {

    static final List<String> WORDS = List.of("the", "brain", "reads", "a", "sentence");

    /** A word-level tokenizer.json with [CLS]=1 / [SEP]=2 around every sequence. */
    static void writeTokenizer(Path dir) throws IOException {
        org.brainalign.core.testing.WordLevelTokenizer.write(dir, WORDS);
    }

    @Test
    void eachPartSeesOnlyItsPrefix(@TempDir Path tmp) throws IOException {
        for (String fixture : List.of("tiny-bert", "tiny-roberta")) {
            Path dir = Files.createDirectories(tmp.resolve(fixture));
            Files.copy(TestData.fixture(fixture).resolve("config.json"), dir.resolve("config.json"));
            Files.copy(TestData.fixture(fixture).resolve("model.safetensors"), dir.resolve("model.safetensors"));
            writeTokenizer(dir);
            try (NDManager manager = NDManager.newBaseManager();
                 LoadedModel model = ModelLoader.open(dir.toString(), ModelLoader.Options.defaults(), manager)) {
                String layer = "encoder.layer.1";
                TransformerSubject subject = new TransformerSubject(model, manager, ContextWindow.defaults(), List.of(layer));
                // An encoder has no next-word probabilities, and says so in words before any text is read.
                assertThat(subject.cannotPerform(org.brainalign.core.subject.Task.READING_TIMES))
                        .hasValueSatisfying(why -> assertThat(why)
                                .contains("encoder without a causal language-model head, so it has no surprisal"));
                assertThat(subject.cannotRecord()).isEmpty();
                subject.startNeuralRecording(Region.LANGUAGE_SYSTEM, Modality.FMRI);
                SubjectOutput out = subject.digestText(WORDS);
                int index = model.network().layerNames().indexOf(layer);
                for (int p = 0; p < WORDS.size(); p++) {
                    long[] ids = new long[p + 3];
                    ids[0] = 1;
                    for (int i = 0; i <= p; i++) {
                        ids[i + 1] = 10 + i;
                    }
                    ids[p + 2] = 2;
                    float[] expected;
                    try (NDManager scope = manager.newSubManager()) {
                        BitSet b = new BitSet();
                        b.set(index);
                        ForwardOutput f = model.network().forward(scope, new long[][] {ids}, new ForwardRequest(b, false));
                        float[] all = f.layer(index).toFloatArray();
                        expected = java.util.Arrays.copyOfRange(all, (p + 1) * 32, (p + 2) * 32);
                    }
                    float[] actual = out.layer(layer).row(p);
                    for (int u = 0; u < 32; u++) {
                        assertThat((double) actual[u]).as("%s part %d unit %d", fixture, p, u)
                                .isCloseTo(expected[u], org.assertj.core.data.Offset.offset(1e-5));
                    }
                }
                assertThatThrownBy(() -> subject.startBehavioralTask(Task.READING_TIMES))
                        .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("causal language-model head, so it has no surprisal");
            }
        }
    }
}
