package org.brainalign.benchmarks.wikitext;

import org.brainalign.core.subject.Needs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.brainalign.benchmarks.Benchmark;
import org.brainalign.benchmarks.DataSource;
import org.brainalign.benchmarks.Provenance;
import org.brainalign.benchmarks.RunOptions;
import org.brainalign.benchmarks.data.DataMissingException;
import org.brainalign.benchmarks.data.DataVerifier;
import org.brainalign.core.ceiling.Ceiling;
import org.brainalign.core.metric.Stats;
import org.brainalign.core.metric.VectorMetrics;
import org.brainalign.core.score.Interval;
import org.brainalign.core.score.LayerScore;
import org.brainalign.core.score.Score;
import org.brainalign.core.subject.Subject;
import org.brainalign.core.subject.SubjectOutput;
import org.brainalign.core.subject.Task;

/**
 * Next-word prediction on a plain-text file, BSL's {@code Wikitext-accuracy} definition: words are
 * whitespace-separated tokens (punctuation and {@code @-@} count as words); the text is cut into
 * pages at WikiText title lines ({@code = Title =}, one level of '='), or is one page when it has
 * none; each page is read in one call and after every word the subject's predicted next word is
 * compared with the true one. Reports accuracy (the score; no ceiling) and, in the note, the word
 * perplexity 2^(mean surprisal in bits) over the predicted words.
 */
public final class NextWord implements Benchmark {
    private static final Pattern TITLE = Pattern.compile("^\\s*= [^=].* =\\s*$");

    /** The measure under which the word perplexity is recorded with the layer score. */
    public static final String PERPLEXITY = "word_perplexity";

    private final String id;
    private final String parent;
    private final Path file;
    private final int maxWords;
    private List<List<String>> pages;

    /**
     * Next-word accuracy on a local text file, not ranked on the leaderboard; {@code maxWords} caps the
     * words read (for quick runs), {@code Integer.MAX_VALUE} reads all.
     */
    public NextWord(String id, Path file, int maxWords) {
        this(id, null, file, maxWords);
    }

    private NextWord(String id, String parent, Path file, int maxWords) {
        if (maxWords < 2) {
            throw new IllegalArgumentException("next-word accuracy needs at least 2 words, got a cap of " + maxWords);
        }
        this.id = id;
        this.parent = parent;
        this.file = file;
        this.maxWords = maxWords;
    }

    /** BSL's {@code Wikitext-accuracy}: the WikiText-2 test split, an engineering benchmark. */
    public static NextWord wikitext(DataSource source) {
        return new NextWord("Wikitext-accuracy", "engineering_language",
                source.directory().dataset("wikitext2").resolve("wiki.test.raw"), Integer.MAX_VALUE);
    }

    @Override
    public String parent() {
        return parent;
    }

    @Override
    public String citation() {
        return parent == null ? "local text file " + file.getFileName()
                : "Merity et al. 2016, Pointer sentinel mixture models (WikiText-2)";
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public String description() {
        return "next-word accuracy (whitespace words, pages reset at '= Title =' lines) on " + file.getFileName();
    }

    @Override
    public Needs needs() {
        return Needs.tasks(Task.NEXT_WORD, Task.READING_TIMES);
    }

    @Override
    public String contextPolicy() {
        return "one call per page; a word's context = the earlier words of its page within the model's window";
    }

    /** The pages (lists of words) of the file, capped at {@code maxWords} words in all; read on first use. */
    public synchronized List<List<String>> pages() {
        if (pages == null) {
            pages = readPages();
        }
        return pages;
    }

    private List<List<String>> readPages() {
        List<String> lines;
        try {
            lines = new ArrayList<>(Files.readAllLines(file));
        } catch (java.nio.charset.MalformedInputException e) {
            throw new DataMissingException(file + " is not UTF-8 text (a byte sequence UTF-8 does not allow); give a UTF-8 "
                    + "plain-text file", e);
        } catch (IOException e) {
            throw new DataMissingException("cannot read " + file + " (" + e.getMessage() + "); give a UTF-8 plain-text file", e);
        }
        if (!lines.isEmpty() && lines.getFirst().startsWith("\uFEFF")) {
            lines.set(0, lines.getFirst().substring(1)); // an editor's byte-order mark is not part of the first word
        }
        List<List<String>> result = new ArrayList<>();
        List<String> page = new ArrayList<>();
        int words = 0;
        for (String line : lines) {
            if (words >= maxWords) {
                break;
            }
            if (TITLE.matcher(line).matches() && !page.isEmpty()) {
                result.add(page);
                page = new ArrayList<>();
            }
            for (String w : line.trim().split("\\s+")) {
                if (!w.isEmpty() && words < maxWords) {
                    page.add(w);
                    words++;
                }
            }
        }
        if (page.size() > 0) {
            result.add(page);
        }
        result.removeIf(p -> p.size() < 2);
        if (result.isEmpty()) {
            throw new DataMissingException(file + ": no page with at least 2 words");
        }
        return result;
    }

    @Override
    public void prepareData() {
        pages();
    }

    @Override
    public Score score(Subject subject, RunOptions options) {
        List<List<String>> pages = pages();
        subject.startBehavioralTask(Task.NEXT_WORD);
        subject.startBehavioralTask(Task.READING_TIMES);
        List<String> predicted = new ArrayList<>();
        List<String> truth = new ArrayList<>();
        List<Double> bits = new ArrayList<>();
        int done = 0;
        for (List<String> page : pages) {
            SubjectOutput out = subject.digestText(page);
            for (int i = 0; i + 1 < page.size(); i++) {
                predicted.add(out.nextWords().get(i));
                truth.add(page.get(i + 1));
                bits.add(out.readingTimes()[i + 1]);
            }
            options.progress().update("pages", ++done, pages.size());
        }
        var acc = VectorMetrics.accuracy(predicted, truth);
        double meanBits = Stats.nanMean(bits.stream().mapToDouble(Double::doubleValue).toArray());
        double perplexity = Math.pow(2, meanBits);
        String note = acc.note() + "; word perplexity " + perplexityText(perplexity) + " (mean surprisal "
                + String.format(java.util.Locale.ROOT, "%.3f", meanBits) + " bits per word)";
        LayerScore layer = LayerScore.of("next-word", acc.value(), Double.NaN, Interval.UNKNOWN, acc.splitByNeuroid(), note)
                .withMeasure(PERPLEXITY, perplexity);
        return assemble(subject.id(), Ceiling.none(), List.of(layer), options.bootstrapSeed());
    }

    /** A perplexity as a reader takes it in: 2 decimals below 100,000, else 3 significant digits ("3.18e+09"). */
    public static String perplexityText(double perplexity) {
        return perplexity < 1e5 ? String.format(java.util.Locale.ROOT, "%.2f", perplexity)
                : String.format(java.util.Locale.ROOT, "%.2e", perplexity);
    }

    @Override
    public Provenance provenance(long bootstrapSeed, Ceiling ceiling) {
        String sha;
        try {
            sha = DataVerifier.sha256(file);
        } catch (IOException e) {
            throw new DataMissingException("cannot checksum " + file + ": " + e.getMessage(), e);
        }
        return new Provenance(Map.of(), Map.of(file.getFileName().toString(), sha), "none");
    }

}
