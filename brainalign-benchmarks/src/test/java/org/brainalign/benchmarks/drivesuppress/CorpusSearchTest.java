package org.brainalign.benchmarks.drivesuppress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Corpus reading, filtering, bounded selection, and a search that resumes after a crash with the same result. */
class CorpusSearchTest {

    @TempDir
    Path dir;

    static final String[] WORDS = "the a cat dog sat ran over under bright quiet house river song night old new".split(" ");

    /** A prose file of {@code n} sentences of 4–8 words (some repeated, some with digits), paragraphs of 5. */
    private Path prose(int n) throws Exception {
        SplittableRandom r = new SplittableRandom(3);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            int words = 4 + r.nextInt(5);
            StringBuilder s = new StringBuilder();
            for (int w = 0; w < words; w++) {
                String word = WORDS[r.nextInt(WORDS.length)];
                s.append(w == 0 ? Character.toUpperCase(word.charAt(0)) + word.substring(1) : " " + word);
            }
            if (i % 17 == 0) {
                s.append(" 42");
            }
            sb.append(s).append(". ");
            if (i % 5 == 4) {
                sb.append("\n\n");
            }
        }
        Path f = dir.resolve("prose.txt");
        Files.writeString(f, sb);
        return f;
    }

    /** A deterministic stand-in for an encoder: a smooth function of the sentence's text. */
    static double[] predict(List<String> sentences) {
        return sentences.stream().mapToDouble(s -> Math.sin(s.hashCode() * 1e-3) + s.length() * 0.01).toArray();
    }

    private CorpusSearch.Settings settings(Path corpus, int chunk) {
        return new CorpusSearch.Settings(List.of(Corpus.Spec.parse(corpus.toString())), new SentenceFilter(5, 7), 10, chunk, chunk,
                "test-encoder", -2, 2, 20);
    }

    @Test
    void aSearchKilledMidwayResumesToTheSameResult() throws Exception {
        Path corpus = prose(3000);
        CorpusSearch.Settings s = settings(corpus, 64);
        CorpusSearch.Result whole = CorpusSearch.run(s, List.of(), CorpusSearchTest::predict, dir.resolve("a.ckpt"), false, st -> {});
        assertThat(Files.exists(dir.resolve("a.ckpt"))).as("a finished search removes its checkpoint").isFalse();

        Path ckpt = dir.resolve("b.ckpt");
        int[] calls = {0};
        assertThatThrownBy(() -> CorpusSearch.run(s, List.of(), sentences -> {
            if (++calls[0] == 6) {
                throw new IllegalStateException("killed");
            }
            return predict(sentences);
        }, ckpt, false, st -> {})).hasMessage("killed");
        assertThat(ckpt).exists();
        assertThatThrownBy(() -> CorpusSearch.run(s, List.of(), CorpusSearchTest::predict, ckpt, false, st -> {}))
                .hasMessageContaining("--resume");
        List<Integer> chunkSizes = new ArrayList<>();
        CorpusSearch.Result resumed = CorpusSearch.run(s, List.of(), sentences -> {
            chunkSizes.add(sentences.size());
            return predict(sentences);
        }, ckpt, true, st -> {});
        assertThat(resumed.resumed()).isTrue();
        assertThat(resumed.drive()).isEqualTo(whole.drive());
        assertThat(resumed.suppress()).isEqualTo(whole.suppress());
        assertThat(resumed.histogram().counts()).containsExactly(whole.histogram().counts());
        assertThat(resumed.status()).isEqualTo(whole.status());
        assertThat(resumed.mean()).isEqualTo(whole.mean());
        long predicted = chunkSizes.stream().mapToLong(Integer::longValue).sum();
        assertThat(predicted).as("only the chunks after the checkpoint are predicted again").isEqualTo(whole.status().candidates() - 5 * 64);
    }

    @Test
    void checkpointsOfOtherSettingsOrCorruptOnesAreRefused() throws Exception {
        Path corpus = prose(1500);
        Path ckpt = dir.resolve("c.ckpt");
        int[] calls = {0};
        assertThatThrownBy(() -> CorpusSearch.run(settings(corpus, 32), List.of(), sentences -> {
            if (++calls[0] == 4) {
                throw new IllegalStateException("killed");
            }
            return predict(sentences);
        }, ckpt, false, st -> {})).hasMessage("killed");
        assertThatThrownBy(() -> CorpusSearch.run(settings(corpus, 16), List.of(), CorpusSearchTest::predict, ckpt, true, st -> {}))
                .hasMessageContaining("other settings");
        byte[] bytes = Files.readAllBytes(ckpt);
        Files.write(ckpt, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        assertThatThrownBy(() -> CorpusSearch.run(settings(corpus, 32), List.of(), CorpusSearchTest::predict, ckpt, true, st -> {}))
                .hasMessageContaining(ckpt.toString());
        bytes[bytes.length / 3] ^= 1;
        Files.write(ckpt, bytes);
        assertThatThrownBy(() -> CorpusSearch.run(settings(corpus, 32), List.of(), CorpusSearchTest::predict, ckpt, true, st -> {}))
                .hasMessageContaining(ckpt.toString());
    }

    @Test
    void selectionsAreTheExtremesOfTheFilteredUniqueCandidates() throws Exception {
        Path corpus = prose(800);
        List<String> exclude = List.of("The cat sat over the river.");
        CorpusSearch.Result r = CorpusSearch.run(settings(corpus, 50), exclude, CorpusSearchTest::predict, dir.resolve("d.ckpt"),
                false, st -> {});
        // Reference: read, filter and de-duplicate independently, predict all, sort.
        List<String> kept = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>(List.of("the cat sat over the river"));
        Corpus c = new Corpus(List.of(Corpus.Spec.parse(corpus.toString())));
        while (c.hasNext()) {
            String s = c.next().text();
            int words = s.split(" ").length;
            String norm = s.toLowerCase().replaceAll("[.!?]+$", "");
            if (words >= 5 && words <= 7 && !s.matches(".*\\d.*") && seen.add(norm)) {
                kept.add(s);
            }
        }
        double[] p = predict(kept);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < kept.size(); i++) {
            order.add(i);
        }
        order.sort((a, b) -> p[a] != p[b] ? Double.compare(p[b], p[a]) : Integer.compare(a, b));
        assertThat(r.status().candidates()).isEqualTo(kept.size());
        for (int i = 0; i < 10; i++) {
            assertThat(r.drive().get(i).text()).isEqualTo(kept.get(order.get(i)));
            assertThat(r.suppress().get(i).predicted()).isEqualTo(p[order.get(kept.size() - 1 - i)]);
        }
    }

    @Test
    void wordnetGlossesFortunesAndProseAreSplitIntoSentences() throws Exception {
        Path wn = Files.createDirectories(dir.resolve("wordnet"));
        Files.writeString(wn.resolve("data.noun"), "  1 This software and database is being provided\n"
                + "00001740 03 n 01 entity 0 003 ~ 00001930 n 0000 | that which is perceived; \"the entity was strange\"  \n");
        Files.writeString(wn.resolve("index.noun"), "ignored\n");
        Path fortunes = Files.createDirectories(dir.resolve("fortunes"));
        Files.writeString(fortunes.resolve("wisdom"), "A fool and his money.  Mr. Smith left early!\n%\nSecond record here?\n%\n");
        Files.writeString(fortunes.resolve("wisdom.dat"), "binary");
        List<Corpus.Sentence> got = new ArrayList<>();
        Corpus c = new Corpus(List.of(Corpus.Spec.parse("wordnet:" + wn), Corpus.Spec.parse("fortunes:" + fortunes)));
        c.forEachRemaining(got::add);
        assertThat(got).extracting(Corpus.Sentence::text).containsExactly("that which is perceived", "the entity was strange",
                "A fool and his money.", "Mr. Smith left early!", "Second record here?");
        assertThat(got.get(0).line()).isEqualTo(2);
        assertThat(got.get(4).line()).isEqualTo(3);
        assertThat(SentenceSplitter.split("He met J. R. Smith at 5 p.m. on Main St. today. \"Really?\" she asked."))
                .containsExactly("He met J. R. Smith at 5 p.m. on Main St. today.", "\"Really?\" she asked.");
    }
}
