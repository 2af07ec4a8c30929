package org.brainalign.benchmarks.topography;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.brainalign.benchmarks.data.DataMissingException;

/**
 * The contrasts TopoLM maps on its unit grids (Rathi et al. 2025), each two groups of stimuli from
 * the {@code topolm-stimuli} data set, compared per unit with Welch's t (group A minus group B):
 *
 * <ul>
 *   <li>{@code fedorenko}: the language localizer, sentences (S) vs non-word lists (N);</li>
 *   <li>{@code moseley-noun-verb}: all nouns vs all verbs (Moseley &amp; Pulvermüller 2014);</li>
 *   <li>{@code moseley-concrete}: concrete nouns vs concrete verbs (TopoLM's "concrete-concrete");</li>
 *   <li>{@code moseley-abstract}: abstract nouns vs abstract verbs ("abstract-abstract");</li>
 *   <li>{@code moseley-abstract-concrete}: abstract vs concrete words;</li>
 *   <li>{@code elli-noun-verb}: verb pairs vs noun pairs (Elli et al. 2019; TopoLM's order).</li>
 * </ul>
 *
 * <p>{@link #column()} is the contrast's column name in TopoLM's Moran's I tables
 * ({@code eval/moran/*.csv}).
 */
public enum TopoContrast {
    FEDORENKO("fedorenko", "fedorenko_sentences-nonwords", "fedorenko_stimuli.csv", "sentence", "sentences", "non-words",
            r -> r.get("condition").equals("S"), r -> r.get("condition").equals("N")),
    MOSELEY_NOUN_VERB("moseley-noun-verb", "moseley_noun-verb", "moseley_stimuli.csv", "word", "nouns", "verbs",
            r -> r.get("class").equals("noun"), r -> r.get("class").equals("verb")),
    MOSELEY_CONCRETE("moseley-concrete", "moseley_concrete-concrete", "moseley_stimuli.csv", "word", "concrete nouns",
            "concrete verbs", r -> r.get("category").equals("concrete") && r.get("class").equals("noun"),
            r -> r.get("category").equals("concrete") && r.get("class").equals("verb")),
    MOSELEY_ABSTRACT("moseley-abstract", "moseley_abstract-abstract", "moseley_stimuli.csv", "word", "abstract nouns",
            "abstract verbs", r -> r.get("category").equals("abstract") && r.get("class").equals("noun"),
            r -> r.get("category").equals("abstract") && r.get("class").equals("verb")),
    MOSELEY_ABSTRACT_CONCRETE("moseley-abstract-concrete", "moseley_abstract-concrete", "moseley_stimuli.csv", "word",
            "abstract words", "concrete words", r -> r.get("category").equals("abstract"),
            r -> r.get("category").equals("concrete")),
    ELLI_NOUN_VERB("elli-noun-verb", "elli_noun_verb", "elli_stimuli.csv", "pair", "verb pairs", "noun pairs",
            r -> r.get("class").equals("verb"), r -> r.get("class").equals("noun"));

    /** The data set holding the stimuli. */
    public static final String DATASET = "topolm-stimuli";

    /** Two groups of stimulus texts; the t-map is A − B. */
    public record Groups(TopoContrast contrast, List<String> a, List<String> b) {
    }

    private final String id;
    private final String column;
    private final String file;
    private final String textColumn;
    private final String nameA;
    private final String nameB;
    private final Predicate<CSVRecord> inA;
    private final Predicate<CSVRecord> inB;

    TopoContrast(String id, String column, String file, String textColumn, String nameA, String nameB,
                 Predicate<CSVRecord> inA, Predicate<CSVRecord> inB) {
        this.id = id;
        this.column = column;
        this.file = file;
        this.textColumn = textColumn;
        this.nameA = nameA;
        this.nameB = nameB;
        this.inA = inA;
        this.inB = inB;
    }

    public String id() {
        return id;
    }

    /** Column name in TopoLM's Moran's I tables. */
    public String column() {
        return column;
    }

    /** "A vs B" in words. */
    public String describe() {
        return nameA + " vs " + nameB;
    }

    /** The contrast called {@code id}, or an error listing the known ids. */
    public static TopoContrast byId(String id) {
        return Arrays.stream(values()).filter(c -> c.id.equals(id)).findFirst().orElseThrow(() -> new IllegalArgumentException(
                "unknown contrast '" + id + "'; known: " + Arrays.stream(values()).map(TopoContrast::id)
                        .collect(Collectors.joining(", "))));
    }

    /** Reads this contrast's two groups from the {@code topolm-stimuli} directory {@code dir}. */
    public Groups read(Path dir) {
        Path path = dir.resolve(file);
        org.brainalign.benchmarks.data.DataVerifier.requirePinned(org.brainalign.benchmarks.data.DataCatalog.bundled().get(DATASET),
                dir, file);
        List<String> a = new ArrayList<>();
        List<String> b = new ArrayList<>();
        try (Reader r = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            var parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setAllowMissingColumnNames(true).get()
                    .parse(r);
            Set<String> header = parser.getHeaderMap().keySet();
            for (String needed : List.of(textColumn, file.startsWith("fedorenko") ? "condition" : "class")) {
                if (!header.contains(needed)) {
                    throw new DataMissingException(path + ": no column '" + needed + "' (header: " + header + ")");
                }
            }
            for (CSVRecord rec : parser) {
                String text = rec.get(textColumn).strip();
                if (text.isEmpty()) {
                    throw new DataMissingException(path + " line " + parser.getCurrentLineNumber() + ": empty " + textColumn);
                }
                if (inA.test(rec)) {
                    a.add(text);
                } else if (inB.test(rec)) {
                    b.add(text);
                }
            }
        } catch (IOException e) {
            throw new DataMissingException("cannot read " + path + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new DataMissingException(path + ": malformed CSV (" + e.getMessage() + ")", e);
        }
        if (a.size() < 2 || b.size() < 2) {
            throw new DataMissingException(path + ": contrast " + id + " needs at least 2 stimuli per group, found " + a.size()
                    + " " + nameA + " and " + b.size() + " " + nameB);
        }
        return new Groups(this, List.copyOf(a), List.copyOf(b));
    }
}
