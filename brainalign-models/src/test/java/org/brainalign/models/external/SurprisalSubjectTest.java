package org.brainalign.models.external;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.assertj.core.data.Offset;
import org.brainalign.core.subject.Task;
import org.brainalign.models.ModelFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Surprisals read from a file and aligned to a benchmark's words, on small files written here. */
class SurprisalSubjectTest {
    @TempDir
    Path tmp;

    private SurprisalSubject subject(String name, String content, String column) throws IOException {
        Path f = tmp.resolve(name);
        Files.writeString(f, content);
        SurprisalSubject s = new SurprisalSubject(SurprisalFile.read(f, column), "surprisal:" + name);
        s.startBehavioralTask(Task.READING_TIMES);
        return s;
    }

    @Test
    void tokensAreSummedPerWordAndLogProbsBecomeBits() throws IOException {
        // GPT-3 style: leading spaces, natural-log probabilities, an empty first value.
        SurprisalSubject s = subject("t.csv", "token,logprob\nThe,\n cat,-0.6931471805599453\n sat,-1.3862943611198906\n"
                + "\",\",-0.6931471805599453\n down,-2.0794415416798357\n", null);
        double[] rt = s.digestText(List.of("The", "cat", "sat,", "down")).readingTimes();
        assertThat(rt[0]).isNaN();
        assertThat(rt[1]).isCloseTo(1.0, Offset.offset(1e-12)); // ln 2 nats = 1 bit
        assertThat(rt[2]).isCloseTo(3.0, Offset.offset(1e-12)); // 2 bits + 1 bit
        assertThat(rt[3]).isCloseTo(3.0, Offset.offset(1e-12));
    }

    @Test
    void callsAreFoundInTheFileAndAMissingFirstWordIsNaN() throws IOException {
        SurprisalSubject s = subject("w.tsv", "word\tsurprisal\nplaced\t5\nthe\t1\nbars\t7\nA\t\ndog\t4\nbarked.\t6\n", null);
        assertThat(s.digestText(List.of("A", "dog", "barked.")).readingTimes()).containsExactly(Double.NaN, 4, 6);
        // "Arthur" is not in the file: the first word of a call may be missing, and is NaN.
        assertThat(s.digestText(List.of("Arthur", "placed", "the", "bars")).readingTimes()).containsExactly(Double.NaN, 5, 1, 7);
    }

    @Test
    void aNamedColumnIsReadAsBits() throws IOException {
        SurprisalSubject s = subject("c.csv", "word,s_GPT2,other\nhello,2.5,9\nworld,1.5,9\n", "s_GPT2");
        assertThat(s.digestText(List.of("hello", "world")).readingTimes()).containsExactly(2.5, 1.5);
    }

    @Test
    void aWordTheFileLacksIsAnErrorNamingIt() throws IOException {
        SurprisalSubject s = subject("m.tsv", "word\tsurprisal\nthe\t1\ncat\t2\nsat\t3\n", null);
        assertThatThrownBy(() -> s.digestText(List.of("the", "dog", "sat"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("m.tsv").hasMessageContaining("word 1 of this call is 'dog' but the file has 'cat'")
                .hasMessageContaining("line 3");
        SurprisalSubject t = subject("s.tsv", "word\tsurprisal\nthe\t1\ncat\t2\n", null);
        assertThatThrownBy(() -> t.digestText(List.of("the", "cat", "sat"))).hasMessageContaining("'sat'");
    }

    @Test
    void aTokenAcrossTwoWordsIsAnError() throws IOException {
        SurprisalSubject s = subject("x.csv", "token,surprisal\nice,1\ncre,2\nam,3\n", null);
        assertThatThrownBy(() -> s.digestText(List.of("icecr", "eam"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("token 'cre'").hasMessageContaining("straddles");
    }

    @Test
    void aFewSameLengthSpellingsAlignAndAreReported() throws IOException {
        StringBuilder file = new StringBuilder("word,surprisal\n");
        for (int i = 0; i < 120; i++) {
            file.append(i == 50 ? "peeked" : "w" + i).append(',').append(i).append('\n');
        }
        SurprisalSubject s = subject("p.csv", file.toString(), null);
        List<String> words = new java.util.ArrayList<>();
        for (int i = 0; i < 120; i++) {
            words.add(i == 50 ? "peaked" : "w" + i);
        }
        assertThat(s.digestText(words).readingTimes()[50]).isEqualTo(50);
        List<String> two = new java.util.ArrayList<>(words);
        two.set(60, "w6X"); // a second difference in 120 words is more than one in a hundred
        SurprisalSubject t = subject("q.csv", file.toString(), null);
        assertThatThrownBy(() -> t.digestText(two)).hasMessageContaining("'w6X' but the file has 'w60'");
    }

    @Test
    void badFilesAreRefusedByName() throws IOException {
        Path none = tmp.resolve("none.csv");
        Files.writeString(none, "word,score\na,1\n");
        assertThatThrownBy(() -> SurprisalFile.read(none, null)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("none.csv").hasMessageContaining("no value column");
        Path text = tmp.resolve("text.csv");
        Files.writeString(text, "word,surprisal\na,x\n");
        assertThatThrownBy(() -> SurprisalFile.read(text, null)).hasMessageContaining("line 2").hasMessageContaining("'x'");
        Path positive = tmp.resolve("pos.csv");
        Files.writeString(positive, "token,logprob\na,0.5\n");
        assertThatThrownBy(() -> SurprisalFile.read(positive, null)).hasMessageContaining("log-probability");
        assertThatThrownBy(() -> SurprisalFile.read(tmp.resolve("absent.csv"), null)).hasMessageContaining("absent.csv");
        // A byte-order mark before the header is not part of the first column's name.
        Path bom = tmp.resolve("bom.csv");
        Files.writeString(bom, "\uFEFFword,surprisal\na,1.5\n");
        assertThat(SurprisalFile.read(bom, null).tokens()).containsExactly("a");
        // A log-probability no float64 probability has (it made a NaN score before): refused, naming the line.
        Path tiny = tmp.resolve("tiny.csv");
        Files.writeString(tiny, "token,logprob\na,-2.5\nb,-1e308\n");
        assertThatThrownBy(() -> SurprisalFile.read(tiny, null)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("tiny.csv: line 3").hasMessageContaining("-1e308").hasMessageContaining("smallest a float64 holds");
        Files.writeString(tiny, "token,logprob\na,-2.5\nb,-740\n");
        assertThat(SurprisalFile.read(tiny, null).bits()[1]).isCloseTo(740 / Math.log(2), org.assertj.core.data.Offset.offset(1e-9));
        SurprisalSubject s = subject("ok.csv", "word,surprisal\na,1\n", null);
        assertThatThrownBy(() -> s.startNeuralRecording(null, null)).hasMessageContaining("surprisals only, so it has no layer activations");
    }
}
