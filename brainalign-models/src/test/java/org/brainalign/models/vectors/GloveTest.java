package org.brainalign.models.vectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.brainalign.core.subject.LayerActivations;
import org.brainalign.models.ModelFormatException;
import org.brainalign.models.TestData;
import org.brainalign.models.baseline.GloveSubject;
import org.brainalign.models.registry.ModelRegistry;
import org.brainalign.models.registry.ModelRequest;
import org.brainalign.models.registry.OpenedModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GloVe vectors: the reader against the file's own lines, BSL's word rule against Python's
 * {@code re.sub(r'[\.\?\!,:]', '', w).rstrip("'s")}, the mean in closed form, and malformed files
 * refused with the line that is wrong.
 */
class GloveTest {

    static Path subset() {
        return TestData.data().resolve("glove-6b-100d-subset").resolve("glove.6B.100d.subset.txt");
    }

    @Test
    void readsTheSubsetAsStanfordWroteIt() throws IOException {
        try (WordVectors v = WordVectors.open(subset())) {
            assertThat(v.dims()).isEqualTo(100);
            assertThat(v.size()).isEqualTo(14_123);
            assertThat(v.cased()).isFalse();
            // Each vector equals its line, parsed here independently.
            for (String line : Files.readAllLines(subset()).subList(0, 200)) {
                String[] f = line.split(" ");
                float[] got = v.vector(f[0]).orElseThrow();
                for (int d = 0; d < 100; d++) {
                    assertThat(got[d]).isEqualTo(Float.parseFloat(f[d + 1]));
                }
            }
            assertThat(v.vector("the").orElseThrow()[0]).isEqualTo(-0.038194f); // glove.6B.100d.txt's first line
            assertThat(v.vector("notawordanywhere")).isEmpty();
        }
    }

    @Test
    void wordsFollowBslsRuleAsPythonComputesIt() {
        // Expected values printed by Python 3.11: [re.sub(r'[\.\?\!,:]', '', w.lower()).rstrip("'s") for w in s.split()]
        assertThat(GloveSubject.words("Hello, world!", true)).containsExactly("hello", "world");
        assertThat(GloveSubject.words("Lewis's cats were glass-like: U.S.A. it's", true))
                .containsExactly("lewi", "cat", "were", "glass-like", "usa", "it");
        assertThat(GloveSubject.words("... — ok? yes!s", true)).containsExactly("", "—", "ok", "ye");
        assertThat(GloveSubject.words("IS This Was", true)).containsExactly("i", "thi", "wa");
        assertThat(GloveSubject.words("IS This Was", false)).containsExactly("IS", "Thi", "Wa");
    }

    /** A byte-order mark before the first word (it lost that word's vector before): the word is found. */
    @Test
    void aByteOrderMarkDoesNotHideTheFirstWord(@TempDir Path tmp) throws IOException {
        Path file = tmp.resolve("bom.txt");
        Files.writeString(file, "\uFEFFcat 1 2 3\ndog -1 0.5 4e-1\n", StandardCharsets.UTF_8);
        try (WordVectors v = WordVectors.open(file)) {
            assertThat(v.vector("cat").orElseThrow()).containsExactly(1, 2, 3);
            assertThat(v.vector("\uFEFFcat")).isEmpty();
        }
    }

    @Test
    void aStimulusIsTheMeanWithUnknownWordsAsZeros(@TempDir Path tmp) throws IOException {
        Path file = tmp.resolve("tiny.txt");
        Files.writeString(file, "cat 1 2 3\ndog -1 0.5 4e-1\ncat 9 9 9\n", StandardCharsets.UTF_8);
        try (WordVectors v = WordVectors.open(file)) {
            assertThat(v.size()).isEqualTo(2);
            assertThat(v.vector("cat").orElseThrow()).containsExactly(1, 2, 3); // the first "cat" wins, as in gensim
            GloveSubject subject = new GloveSubject(v, true);
            LayerActivations a = subject.digestText(List.of("Cats, dogs!", "cat zebra", "DOG")).layers().getFirst();
            assertThat(a.layer()).isEqualTo("projection");
            float[] row0 = {0f, 1.25f, 1.7f}, row1 = {0.5f, 1f, 1.5f}, row2 = {-1f, 0.5f, 0.4f};
            float[][] expected = {row0, row1, row2};
            for (int p = 0; p < 3; p++) {
                for (int d = 0; d < 3; d++) {
                    assertThat(a.values()[p * 3 + d]).as("part %d dim %d", p, d).isCloseTo(expected[p][d],
                            org.assertj.core.data.Offset.offset(1e-6f));
                }
            }
            assertThat(subject.coverage()).containsExactly(5, 1);
        }
    }

    @Test
    void malformedFilesNameTheLine(@TempDir Path tmp) throws IOException {
        assertRefused(tmp, "a 1 2 3\nb 1 2\n", "line 2 has 2 values; expected 3");
        assertRefused(tmp, "a 1 2 3\nb 1 x 3\n", "line 2, value 2 is 'x'");
        assertRefused(tmp, "a 1 2 3\nb 1 NaN 3\n", "line 2, value 2 is 'NaN'");
        assertRefused(tmp, "a 1 2 3\nb 1 1f 3\n", "line 2, value 2 is '1f'");
        assertRefused(tmp, "a 1 2 3\nc 1 2 3\n 1 2 3\n", "line 3 starts with a space");
        assertRefused(tmp, "", "empty");
        assertRefused(tmp, "word\n", "line 1 has no values");
        Path bad = tmp.resolve("latin1.txt");
        Files.write(bad, new byte[] {'a', ' ', '1', '\n', (byte) 0xE9, ' ', '2', '\n'});
        assertThatThrownBy(() -> WordVectors.open(bad)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("latin1.txt").hasMessageContaining("line 2 is not valid UTF-8");
        assertThatThrownBy(() -> WordVectors.open(tmp.resolve("absent.txt"))).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("absent.txt");
    }

    private static void assertRefused(Path tmp, String content, String message) throws IOException {
        Path file = Files.createTempFile(tmp, "vectors", ".txt");
        Files.writeString(file, content);
        assertThatThrownBy(() -> WordVectors.open(file)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining(file.getFileName().toString()).hasMessageContaining(message);
    }

    @Test
    void theRegistryOpensGloveAsABaseline() {
        try (OpenedModel m = ModelRegistry.open("glove:" + subset(), ModelRequest.defaults())) {
            assertThat(m.id()).isEqualTo("glove:glove.6B.100d.subset.txt");
            assertThat(m.checkpoint()).startsWith("sha256:");
            assertThat(m.layers()).containsExactly("projection");
            assertThat(m.freshSubject().digestText(List.of("The quick brown fox.")).layers().getFirst().units()).isEqualTo(100);
        }
    }
}
