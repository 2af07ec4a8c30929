package org.brainalign.models.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.brainalign.models.ModelFormatException;
import org.brainalign.models.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The GPT-2 tokenizer, loaded three ways, against HuggingFace's encodings of 8 tricky strings. */
class Gpt2TokenizerTest {

    record Case(String text, long[] ids) {
    }

    static List<Case> cases() throws IOException {
        Path file = TestData.fixture("gpt2-tokenizer").resolve("expected_encodings.json");
        List<Case> cases = new ArrayList<>();
        for (JsonElement e : JsonParser.parseString(Files.readString(file)).getAsJsonArray()) {
            var o = e.getAsJsonObject();
            long[] ids = new long[o.getAsJsonArray("ids").size()];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = o.getAsJsonArray("ids").get(i).getAsLong();
            }
            cases.add(new Case(o.get("text").getAsString(), ids));
        }
        return cases;
    }

    static Stream<Arguments> tokenizers() {
        Path dir = TestData.fixture("gpt2-tokenizer");
        return Stream.of(
                Arguments.of("tokenizer.json", HfTokenizer.load(dir.resolve("tokenizer.json"))),
                Arguments.of("vocab.json + merges.txt", ByteLevelBpe.fromVocabAndMerges(dir.resolve("vocab.json"), dir.resolve("merges.txt"))),
                Arguments.of("bundled r50k_base", ByteLevelBpe.bundledGpt2()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tokenizers")
    void reproducesAllReferenceEncodings(String name, TextTokenizer tokenizer) throws IOException {
        List<Case> cases = cases();
        assertThat(cases).hasSize(8);
        for (Case c : cases) {
            TokenizedText enc = tokenizer.encode(c.text());
            assertThat(enc.ids()).as(name + " ids of %s", c.text()).containsExactly(c.ids());
            assertThat(tokenizer.decode(enc.ids())).as(name + " round trip").isEqualTo(c.text());
            for (int i = 0; i < enc.size(); i++) {
                assertThat(enc.starts()[i]).as("token %d start", i).isBetween(0, c.text().length() - 1);
                assertThat(enc.ends()[i]).as("token %d end", i).isBetween(enc.starts()[i] + 1, c.text().length());
                if (i > 0) {
                    assertThat(enc.starts()[i]).as("spans are ordered").isGreaterThanOrEqualTo(enc.starts()[i - 1]);
                }
            }
        }
        tokenizer.close();
    }

    @Test
    void offsetsMapWordsToTokens() {
        TextTokenizer t = HfTokenizer.load(TestData.fixture("gpt2-tokenizer").resolve("tokenizer.json"));
        String text = "Beekeeping encourages";
        TokenizedText enc = t.encode(text);
        // "Bee" "keeping" "Ġencourages": the first word ends at char 10
        assertThat(enc.ids()).containsExactly(49512, 19934, 18656);
        assertThat(enc.starts()).containsExactly(0, 3, 10);
        assertThat(enc.ends()).containsExactly(3, 10, 21);
        ByteLevelBpe bpe = ByteLevelBpe.bundledGpt2();
        TokenizedText own = bpe.encode(text);
        assertThat(own.starts()).containsExactly(0, 3, 10);
        assertThat(own.ends()).containsExactly(3, 10, 21);
    }

    @Test
    void missingTokenizerFilesAreNamed(@TempDir Path dir) {
        assertThatThrownBy(() -> Tokenizers.fromDirectory(dir)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("tokenizer.json").hasMessageContaining("merges.txt");
    }

    @Test
    void malformedMergesLineIsReported(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("vocab.json"), "{\"a\": 0, \"b\": 1, \"ab\": 2}");
        Files.writeString(dir.resolve("merges.txt"), "#version: 0.2\na b c\n");
        assertThatThrownBy(() -> Tokenizers.fromDirectory(dir)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("merges.txt").hasMessageContaining("line 2");
    }
}
