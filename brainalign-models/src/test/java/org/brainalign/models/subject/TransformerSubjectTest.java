package org.brainalign.models.subject;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.brainalign.core.subject.LayerActivations;
import org.brainalign.core.subject.Modality;
import org.brainalign.core.subject.Region;
import org.brainalign.core.subject.SubjectOutput;
import org.brainalign.core.subject.Task;
import org.brainalign.models.LoadedModel;
import org.brainalign.models.ModelLoader;
import org.brainalign.models.TestData;
import org.brainalign.models.nn.ForwardOutput;
import org.brainalign.models.nn.ForwardRequest;
import org.brainalign.models.safetensors.SafetensorsFile;
import org.brainalign.models.tokenizer.ByteLevelBpe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Subject contract on tiny-gpt2: per-word states, surprisal and next words must equal what
 * HuggingFace computed for the same token sequence; long calls are windowed exactly as documented.
 */
class TransformerSubjectTest {

    static NDManager manager;
    static LoadedModel model;
    static long[] ids;
    static float[][] hidden;  // HF hidden_states.i, flattened [T, C]
    static float[] logits;    // [T, V]

    @BeforeAll
    static void load() {
        manager = NDManager.newBaseManager();
        model = ModelLoader.open(TestData.fixture("tiny-gpt2").toString(), ModelLoader.Options.defaults(), manager);
        try (SafetensorsFile f = SafetensorsFile.open(TestData.fixture("tiny-gpt2").resolve("expected_outputs.safetensors"))) {
            ids = f.longs("input_ids");
            hidden = new float[4][];
            for (int i = 0; i < 4; i++) {
                hidden[i] = f.floats("hidden_states." + i);
            }
            logits = f.floats("logits");
        }
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

    /** Words of the fixture text and, per word, the index of its last token (a new word starts at a "Ġ" token). */
    record Words(List<String> words, int[] lastToken) {
    }

    static Words words() {
        ByteLevelBpe bpe = ByteLevelBpe.bundledGpt2();
        String text = bpe.decode(ids);
        List<String> words = List.of(text.split(" "));
        List<Integer> last = new ArrayList<>();
        for (int j = 1; j <= ids.length; j++) {
            if (j == ids.length || bpe.token(ids[j]).startsWith("Ġ")) {
                last.add(j - 1);
            }
        }
        assertThat(last).as("one last token per word").hasSize(words.size());
        return new Words(words, last.stream().mapToInt(Integer::intValue).toArray());
    }

    @Test
    void perWordStatesAreHuggingFacesStatesAtEachWordsLastToken() {
        Words w = words();
        List<String> layers = model.network().layerNames();
        TransformerSubject subject = new TransformerSubject(model, manager, ContextWindow.defaults(), layers);
        subject.startNeuralRecording(Region.LANGUAGE_SYSTEM, Modality.FMRI);
        SubjectOutput out = subject.digestText(w.words());
        int c = model.network().config().hiddenSize();
        int[] hs = model.network().hiddenStateLayers();
        for (int h = 0; h < hs.length; h++) {
            LayerActivations a = out.layer(layers.get(hs[h]));
            for (int p = 0; p < w.words().size(); p++) {
                for (int u = 0; u < c; u++) {
                    assertThat((double) a.values()[p * c + u]).as("layer %s word %d unit %d", a.layer(), p, u)
                            .isCloseTo(hidden[h][w.lastToken()[p] * c + u], org.assertj.core.data.Offset.offset(1e-4));
                }
            }
        }
    }

    /** Mean pooling: each word's row is the mean of HuggingFace's hidden states over that word's tokens. */
    @Test
    void meanPoolingAveragesHuggingFacesStatesOverEachPartsTokens() {
        Words w = words();
        List<String> layers = model.network().layerNames();
        TransformerSubject subject = new TransformerSubject(model, manager, ContextWindow.defaults(), layers).pooling(Pooling.MEAN);
        subject.startNeuralRecording(Region.LANGUAGE_SYSTEM, Modality.FMRI);
        SubjectOutput perWord = subject.digestText(w.words());
        SubjectOutput whole = subject.digestText(List.of(String.join(" ", w.words())));
        int c = model.network().config().hiddenSize();
        int[] hs = model.network().hiddenStateLayers();
        double worst = 0;
        for (int h = 0; h < hs.length; h++) {
            LayerActivations a = perWord.layer(layers.get(hs[h]));
            LayerActivations all = whole.layer(layers.get(hs[h]));
            for (int u = 0; u < c; u++) {
                double total = 0;
                for (int j = 0; j < ids.length; j++) {
                    total += hidden[h][j * c + u];
                }
                worst = Math.max(worst, Math.abs(all.values()[u] - total / ids.length));
                for (int p = 0; p < w.words().size(); p++) {
                    int first = p == 0 ? 0 : w.lastToken()[p - 1] + 1;
                    double sum = 0;
                    for (int j = first; j <= w.lastToken()[p]; j++) {
                        sum += hidden[h][j * c + u];
                    }
                    worst = Math.max(worst, Math.abs(a.values()[p * c + u] - sum / (w.lastToken()[p] - first + 1)));
                }
            }
        }
        assertThat(worst).as("largest difference from HF's mean over tokens").isLessThan(1e-4);
    }

    @Test
    void readingTimesAreSurprisalInBitsFromHuggingFacesLogits() {
        Words w = words();
        TransformerSubject subject = new TransformerSubject(model, manager, ContextWindow.defaults(), List.of());
        subject.startBehavioralTask(Task.READING_TIMES);
        subject.startBehavioralTask(Task.NEXT_WORD);
        SubjectOutput out = subject.digestText(w.words());
        int v = 50257;
        ByteLevelBpe bpe = ByteLevelBpe.bundledGpt2();
        int first = 0;
        for (int p = 0; p < w.words().size(); p++) {
            double expected = 0;
            boolean any = false;
            for (int j = first; j <= w.lastToken()[p]; j++) {
                if (j == 0) {
                    continue; // no left context
                }
                expected += surprisalBits(j - 1, (int) ids[j], v);
                any = true;
            }
            if (any) {
                assertThat(out.readingTimes()[p]).as("word %d", p).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-3));
            } else {
                assertThat(out.readingTimes()[p]).as("one-token first word").isNaN();
            }
            int argmax = 0;
            int row = w.lastToken()[p] * v;
            for (int k = 1; k < v; k++) {
                if (logits[row + k] > logits[row + argmax]) {
                    argmax = k;
                }
            }
            assertThat(out.nextWords().get(p)).isEqualTo(bpe.decode(new long[] {argmax}).strip());
            first = w.lastToken()[p] + 1;
        }
    }

    private static double surprisalBits(int position, int target, int v) {
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < v; k++) {
            max = Math.max(max, logits[position * v + k]);
        }
        double sum = 0;
        for (int k = 0; k < v; k++) {
            sum += Math.exp(logits[position * v + k] - max);
        }
        return -(logits[position * v + target] - max - Math.log(sum)) / Math.log(2);
    }

    @Test
    void longCallsAreWindowedAsDocumented() {
        // 300 words → over 4 windows on a model with 64 positions
        List<String> parts = new ArrayList<>();
        String[] vocab = {"the", "brain", "reads", "a", "sentence", "quickly", "and", "predicts", "every", "next", "word."};
        for (int i = 0; i < 300; i++) {
            parts.add(vocab[(i * 7 + i / 3) % vocab.length]);
        }
        String last = "transformer.h.2";
        int layer = model.network().layerNames().indexOf(last);
        for (int stride : new int[] {1, 16, 0}) {
            ContextWindow window = new ContextWindow(0, stride);
            TransformerSubject subject = new TransformerSubject(model, manager, window, List.of(last));
            subject.startNeuralRecording(Region.LANGUAGE_SYSTEM, Modality.FMRI);
            subject.startBehavioralTask(Task.READING_TIMES);
            SubjectOutput out = subject.digestText(parts);
            long[] all = model.tokenizer().encode(String.join(" ", parts)).ids();
            assertThat(all.length).isGreaterThan(4 * 64);
            int[] lastTokens = TransformerSubject.lastTokens(model.tokenizer().encode(String.join(" ", parts)), parts,
                    starts(parts), ends(parts));
            int w = 64;
            int s = window.strideFor(w);
            for (int p = 0; p < parts.size(); p += 7) {
                // plain twin: the documented window in which the part's last token is new, run on its own
                int j = lastTokens[p];
                int end = Math.min(all.length, w);
                while (j >= end) {
                    end = Math.min(all.length, end + s);
                }
                int from = Math.max(0, end - w);
                float[] expected = plainState(java.util.Arrays.copyOfRange(all, from, j + 1), layer);
                float[] actual = out.layer(last).row(p);
                for (int u = 0; u < expected.length; u++) {
                    assertThat((double) actual[u]).as("stride %d part %d unit %d", stride, p, u)
                            .isCloseTo(expected[u], org.assertj.core.data.Offset.offset(1e-4));
                }
                if (p == 0) {
                    assertThat(out.readingTimes()[p]).as("one-token first part has no left context").isNaN();
                } else {
                    assertThat(out.readingTimes()[p]).as("part %d", p).isFinite().isPositive();
                }
            }
        }
    }

    @Test
    void longCallsReportProgressPartByPartAfterEveryWindow() {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            parts.add(i % 2 == 0 ? "reading" : "brains");
        }
        ContextWindow window = new ContextWindow(0, 16);
        // one sequence per batch, so that every window reports (batched windows report once per batch)
        TransformerSubject subject = new TransformerSubject(model, manager, window, List.of("transformer.h.0")).batchTokens(1);
        subject.startBehavioralTask(Task.READING_TIMES);
        List<long[]> updates = new ArrayList<>();
        subject.digestText(parts, (done, total) -> updates.add(new long[] {done, total}));
        // The documented schedule: the first window ends at 64 tokens, each next one 16 tokens later;
        // after a window, exactly the parts whose last token lies before its end are complete.
        var enc = model.tokenizer().encode(String.join(" ", parts));
        int[] lastTokens = TransformerSubject.lastTokens(enc, parts, starts(parts), ends(parts));
        List<long[]> expected = new ArrayList<>();
        for (int end = Math.min(enc.size(), 64); ; end = Math.min(enc.size(), end + 16)) {
            int done = 0;
            while (done < parts.size() && lastTokens[done] < end) {
                done++;
            }
            expected.add(new long[] {done, parts.size()});
            if (end == enc.size()) {
                break;
            }
        }
        assertThat(updates).hasSizeGreaterThan(10).hasSameSizeAs(expected);
        for (int i = 0; i < updates.size(); i++) {
            assertThat(updates.get(i)).as("update %d", i).containsExactly(expected.get(i));
        }
        assertThat(updates.getLast()).containsExactly(300, 300);
    }

    @Test
    void independentCallsRunAsBatchesGiveWhatEachCallGivesAlone() {
        String[] vocab = {"the", "brain", "reads", "a", "sentence", "quickly", "and", "predicts", "every", "next", "word."};
        List<List<String>> calls = new ArrayList<>();
        for (int c = 0; c < 23; c++) {
            List<String> call = new ArrayList<>();
            int words = 1 + (c * 5) % 19 + (c == 7 ? 60 : 0); // 1 to 19 words; one call longer than a 32-token window
            for (int i = 0; i < words; i++) {
                call.add(vocab[(c * 3 + i * 7) % vocab.length]);
            }
            calls.add(call);
        }
        List<String> layers = List.of("transformer.drop", "transformer.h.1", "transformer.ln_f");
        ContextWindow window = new ContextWindow(32, 8);
        TransformerSubject batched = new TransformerSubject(model, manager, window, layers);
        TransformerSubject alone = new TransformerSubject(model, manager, window, layers).batchTokens(1);
        for (TransformerSubject s : List.of(batched, alone)) {
            s.startNeuralRecording(Region.LANGUAGE_SYSTEM, Modality.FMRI);
            s.startBehavioralTask(Task.READING_TIMES);
            s.startBehavioralTask(Task.NEXT_WORD);
        }
        List<long[]> updates = new ArrayList<>();
        List<SubjectOutput> together = batched.digestTexts(calls, (done, total) -> updates.add(new long[] {done, total}));
        assertThat(updates.getLast()).containsExactly(calls.stream().mapToLong(List::size).sum(),
                calls.stream().mapToLong(List::size).sum());
        for (int c = 0; c < calls.size(); c++) {
            SubjectOutput one = alone.digestText(calls.get(c));
            for (String layer : layers) {
                assertThat(TestData.maxRelativeError(together.get(c).layer(layer).values(), 0, one.layer(layer).values()))
                        .as("call %d %s", c, layer).isLessThanOrEqualTo(1e-5);
            }
            double[] rtA = together.get(c).readingTimes();
            double[] rtB = one.readingTimes();
            for (int p = 0; p < rtB.length; p++) {
                if (Double.isNaN(rtB[p])) {
                    assertThat(rtA[p]).isNaN();
                } else {
                    // surprisal in bits of a tiny random model (about log2 of its vocabulary): 1e-5 of it
                    assertThat(rtA[p]).as("call %d part %d surprisal", c, p).isCloseTo(rtB[p], org.assertj.core.data.Offset.offset(1e-5 * rtB[p]));
                }
            }
            assertThat(together.get(c).nextWords()).as("call %d next words", c).isEqualTo(one.nextWords());
        }
    }

    private static int[] starts(List<String> parts) {
        int[] s = new int[parts.size()];
        int pos = 0;
        for (int i = 0; i < parts.size(); i++) {
            s[i] = pos;
            pos += parts.get(i).length() + 1;
        }
        return s;
    }

    private static int[] ends(List<String> parts) {
        int[] s = starts(parts);
        int[] e = new int[parts.size()];
        for (int i = 0; i < parts.size(); i++) {
            e[i] = s[i] + parts.get(i).length();
        }
        return e;
    }

    /** The state of the last token of {@code context} at {@code layer}, from one plain forward pass. */
    private static float[] plainState(long[] context, int layer) {
        try (NDManager scope = manager.newSubManager()) {
            BitSet b = new BitSet();
            b.set(layer);
            ForwardOutput out = model.network().forward(scope, new long[][] {context}, new ForwardRequest(b, false));
            float[] all = out.layer(layer).toFloatArray();
            int c = all.length / context.length;
            return java.util.Arrays.copyOfRange(all, (context.length - 1) * c, context.length * c);
        }
    }

    @Test
    void emptyInputIsRejected() {
        TransformerSubject subject = new TransformerSubject(model, manager, ContextWindow.defaults(), List.of("transformer.h.0"));
        assertThatThrownBy(() -> subject.digestText(List.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> subject.digestText(List.of("a", "  ", "b"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("part 1 of 3 is empty");
        assertThatThrownBy(() -> new TransformerSubject(model, manager, ContextWindow.defaults(), List.of("h.99")))
                .hasMessageContaining("'h.99'").hasMessageContaining("transformer.h.0");
    }
}
