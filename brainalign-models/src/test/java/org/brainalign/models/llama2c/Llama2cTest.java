package org.brainalign.models.llama2c;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.brainalign.models.LoadedModel;
import org.brainalign.models.ModelFormatException;
import org.brainalign.models.ModelLoader;
import org.brainalign.models.TestData;
import org.brainalign.models.nn.ForwardRequest;
import org.brainalign.models.tokenizer.TokenizedText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The llama2.c loader on the trained stories260K: greedy decoding reproduces the model card's
 * continuation, the logits match a plain-Java twin of {@code run.c}, the tokenizer's merge order
 * matches {@code run.c}'s quadratic loop, and broken files are refused with messages that name them.
 */
class Llama2cTest {

    static Path dir() {
        return TestData.models().resolve("stories260K");
    }

    static Path checkpoint() {
        return dir().resolve("stories260K.bin");
    }

    /** The card's greedy (temperature 0) sample: the lines after `-t 0.0` up to the end of the code block. */
    static String cardSample() throws IOException {
        List<String> lines = Files.readAllLines(dir().resolve("stories260K.md"));
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("-t 0.0")) {
                StringBuilder sample = new StringBuilder();
                for (int j = i + 1; j < lines.size() && !lines.get(j).startsWith("```"); j++) {
                    sample.append(j > i + 1 ? "\n" : "").append(lines.get(j));
                }
                return sample.toString();
            }
        }
        throw new AssertionError("stories260K.md has no '-t 0.0' sample");
    }

    @Test
    void greedyDecodingReproducesTheModelCard() throws IOException {
        String card = cardSample();
        assertThat(card).startsWith("Once upon a time, there was a little girl named Lily.");
        try (NDManager manager = NDManager.newBaseManager();
             LoadedModel model = ModelLoader.open(checkpoint().toString(), ModelLoader.Options.defaults(), manager)) {
            assertThat(model.id()).isEqualTo("stories260K");
            assertThat(model.network().parameterCount()).isBetween(250_000L, 300_000L);
            long[] prompt = model.tokenizer().encode("Once upon a time").ids();
            List<Long> ids = new ArrayList<>(Arrays.stream(prompt).boxed().toList());
            int generated = 60;
            for (int step = 0; step < generated; step++) {
                try (NDManager scope = manager.newSubManager()) {
                    long[] now = ids.stream().mapToLong(Long::longValue).toArray();
                    NDArray logits = model.network().forward(scope, new long[][] {now}, ForwardRequest.logitsOnly()).logits();
                    ids.add(logits.get(0, now.length - 1).argMax().getLong());
                }
            }
            String text = model.tokenizer().decode(ids.stream().mapToLong(Long::longValue).toArray());
            assertThat(ids).hasSize(prompt.length + generated);
            assertThat(ids.subList(1, ids.size())).doesNotContain((long) Llama2cTokenizer.BOS);
            assertThat(card).as("the card's continuation").startsWith(text);
            assertThat(text).startsWith("Once upon a time, there was a little girl named Lily. She loved to play outside in the park.");
        }
    }

    @Test
    void logitsMatchAPlainJavaTwinOfRunC() throws IOException {
        RunCReference reference = new RunCReference(checkpoint());
        try (NDManager manager = NDManager.newBaseManager();
             LoadedModel model = ModelLoader.open(checkpoint().toString(), ModelLoader.Options.defaults(), manager)) {
            long[] ids = model.tokenizer().encode("Lily's mom said, \"Let's go to the park.\" Tom was sad; he didn't know why!")
                    .ids();
            assertThat(ids.length).isGreaterThan(20);
            double[][] expected = reference.logits(ids);
            float[] got = model.network().forward(manager, new long[][] {ids}, ForwardRequest.logitsOnly()).logits()
                    .toFloatArray();
            double maxDiff = 0, maxRef = 0;
            for (int t = 0; t < ids.length; t++) {
                for (int v = 0; v < reference.vocab; v++) {
                    maxDiff = Math.max(maxDiff, Math.abs(got[t * reference.vocab + v] - expected[t][v]));
                    maxRef = Math.max(maxRef, Math.abs(expected[t][v]));
                }
            }
            assertThat(maxRef).isGreaterThan(1);
            assertThat(maxDiff / maxRef).as("max|diff| / max|ref| over %d positions", ids.length).isLessThan(1e-4);
        }
    }

    @Test
    void untrainedTwinHasTheSameArchitectureAndFreshWeights() {
        try (NDManager manager = NDManager.newBaseManager();
             LoadedModel trained = ModelLoader.open(checkpoint().toString(), ModelLoader.Options.defaults(), manager);
             LoadedModel twin = ModelLoader.open("untrained:" + checkpoint(), ModelLoader.Options.defaults(), manager)) {
            assertThat(twin.id()).isEqualTo("untrained:stories260K@0");
            assertThat(twin.network().config()).isEqualTo(trained.network().config());
            assertThat(twin.network().parameterCount()).isEqualTo(trained.network().parameterCount());
            float[] a = trained.network().parameters().get("model.layers.0.self_attn.v_proj.weight").toFloatArray();
            float[] b = twin.network().parameters().get("model.layers.0.self_attn.v_proj.weight").toFloatArray();
            assertThat(a).isNotEqualTo(b);
        }
    }

    /** run.c's merge loop, written as run.c writes it: scan every pair, merge the best, repeat. */
    static long[] quadraticMerge(Llama2cTokenizer tok, String text, List<String> pieces, float[] scores) {
        List<Integer> tokens = new ArrayList<>();
        tokens.add(Llama2cTokenizer.BOS);
        if (!text.isEmpty()) {
            tokens.add(pieces.indexOf(" "));
        }
        text.codePoints().forEach(cp -> {
            String s = new String(Character.toChars(cp));
            int id = pieces.indexOf(new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1));
            if (id >= 0) {
                tokens.add(id);
            } else {
                for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
                    tokens.add((b & 0xff) + 3);
                }
            }
        });
        while (true) {
            float best = Float.NEGATIVE_INFINITY;
            int bestId = -1, bestIdx = -1;
            for (int i = 1; i + 1 < tokens.size(); i++) {
                int id = pieces.indexOf(pieces.get(tokens.get(i)) + pieces.get(tokens.get(i + 1)));
                if (id >= 0 && scores[id] > best) {
                    best = scores[id];
                    bestId = id;
                    bestIdx = i;
                }
            }
            if (bestIdx < 0) {
                break;
            }
            tokens.set(bestIdx, bestId);
            tokens.remove(bestIdx + 1);
        }
        return tokens.stream().mapToLong(Integer::longValue).toArray();
    }

    @Test
    void tokenizerMatchesRunCsMergeLoopAndRoundTrips() throws IOException {
        Path file = dir().resolve("tok512.bin");
        Llama2cTokenizer tok = Llama2cTokenizer.read(file);
        assertThat(tok.vocabularySize()).isEqualTo(512);
        // The vocabulary, parsed independently (ISO-8859-1 keeps one char per byte).
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        b.getInt();
        List<String> pieces = new ArrayList<>();
        float[] scores = new float[512];
        while (b.hasRemaining()) {
            scores[pieces.size()] = b.getFloat();
            byte[] piece = new byte[b.getInt()];
            b.get(piece);
            pieces.add(new String(piece, StandardCharsets.ISO_8859_1));
        }
        List<String> texts = new ArrayList<>(List.of(cardSample(), "Once upon a time", "", " leading and  double  spaces ",
                "naïve café — 東京 😀 über", "x", "\n\t tabs\nand lines"));
        Random random = new Random(7);
        String alphabet = "abcdefghijklmnopqrstuvwxyz ABCDEFG.,!?'\"-0123456789éü";
        for (int n = 0; n < 40; n++) {
            StringBuilder s = new StringBuilder();
            for (int i = random.nextInt(60); i >= 0; i--) {
                s.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            texts.add(s.toString());
        }
        for (String text : texts) {
            TokenizedText enc = tok.encode(text);
            assertThat(enc.ids()).as("ids of '%s'", text).containsExactly(quadraticMerge(tok, text, pieces, scores));
            assertThat(tok.decode(enc.ids())).as("round trip of '%s'", text).isEqualTo(text.isEmpty() ? "" : text);
            assertThat(enc.isSpecial(0)).isTrue();
            for (int i = 1; i < enc.size(); i++) {
                assertThat(enc.starts()[i]).as("spans ascend in '%s'", text).isGreaterThanOrEqualTo(enc.starts()[i - 1]);
                assertThat(enc.ends()[i]).isBetween(enc.starts()[i], text.length());
            }
        }
    }

    @Test
    void brokenCheckpointsAreRefusedByName(@TempDir Path tmp) throws IOException {
        byte[] good = Files.readAllBytes(checkpoint());
        Files.copy(dir().resolve("tok512.bin"), tmp.resolve("tok512.bin"));

        Path truncated = tmp.resolve("truncated.bin");
        Files.write(truncated, Arrays.copyOf(good, good.length - 1000));
        assertThatThrownBy(() -> Llama2cCheckpoint.read(truncated)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("truncated.bin").hasMessageContaining("implies " + good.length + " bytes")
                .hasMessageContaining("truncated?");

        Path flipped = tmp.resolve("flipped.bin");
        Files.write(flipped, withHeaderField(good, 5, -512));
        assertThatThrownBy(() -> Llama2cCheckpoint.read(flipped)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("flipped.bin").hasMessageContaining("sign of vocab_size");

        Path heads = tmp.resolve("heads.bin");
        Files.write(heads, withHeaderField(good, 3, 7));
        assertThatThrownBy(() -> Llama2cCheckpoint.read(heads)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("heads.bin").hasMessageContaining("n_heads 7");

        Path huge = tmp.resolve("huge.bin");
        Files.write(huge, withHeaderField(withHeaderField(good, 0, 1 << 30), 3, 1 << 20));
        assertThatThrownBy(() -> Llama2cCheckpoint.read(huge)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("huge.bin");

        Path negative = tmp.resolve("negative.bin");
        Files.write(negative, withHeaderField(good, 2, -5));
        assertThatThrownBy(() -> Llama2cCheckpoint.read(negative)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("n_layers is -5");

        Path v1 = tmp.resolve("v1.bin");
        Files.write(v1, withHeaderField(withHeaderField(good, 0, 0x616b3432), 1, 1));
        assertThatThrownBy(() -> Llama2cCheckpoint.read(v1)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("export version 1");

        Path tiny = tmp.resolve("tiny.bin");
        Files.write(tiny, new byte[10]);
        assertThatThrownBy(() -> Llama2cCheckpoint.read(tiny)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("28-byte header");

        Path badTok = tmp.resolve("tok-bad.bin");
        byte[] tokBytes = Files.readAllBytes(dir().resolve("tok512.bin"));
        Files.write(badTok, Arrays.copyOf(tokBytes, tokBytes.length - 3));
        assertThatThrownBy(() -> Llama2cTokenizer.read(badTok)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("tok-bad.bin").hasMessageContaining("piece 511");

        Path lonely = Files.createDirectory(tmp.resolve("lonely")).resolve("model.bin");
        Files.write(lonely, good);
        assertThatThrownBy(() -> ModelLoader.open(lonely.toString(), ModelLoader.Options.defaults(), NDManager.newBaseManager()))
                .isInstanceOf(ModelFormatException.class).hasMessageContaining("tokenizer of 512 pieces")
                .hasMessageContaining("--tokenizer");
    }

    private static byte[] withHeaderField(byte[] file, int field, int value) {
        byte[] out = file.clone();
        ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN).putInt(4 * field, value);
        return out;
    }
}
