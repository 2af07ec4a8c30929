package org.brainalign.benchmarks.localizer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.brainalign.benchmarks.data.DataMissingException;

/**
 * The Fedorenko et al. 2010 language localizer (BSL's copy): 10 CSV files with columns
 * stim1…stim14 — trial number, 12 upper-case words, condition {@code S} (sentence) or {@code N}
 * (non-word list). Each stimulus is its 12 words lower-cased and joined by spaces: 240 sentences and
 * 240 non-word strings.
 */
public record LocalizerStimuli(String id, List<String> sentences, List<String> nonwords) {

    public static LocalizerStimuli fedorenko2010(Path dir) {
        var set = org.brainalign.benchmarks.data.DataCatalog.bundled().get("fedorenko2010-localizer");
        for (var f : set.files()) {
            if (f.name().endsWith(".csv")) {
                org.brainalign.benchmarks.data.DataVerifier.requirePinned(set, dir, f.name());
            }
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> p.getFileName().toString().matches("langloc_fmri_run\\d_stim_set\\d\\.csv")).sorted().toList();
        } catch (IOException e) {
            throw new DataMissingException("cannot list " + dir + " (" + e.getMessage()
                    + "); the fedorenko2010-localizer data set belongs in <data>/fedorenko2010-localizer", e);
        }
        if (files.size() != 10) {
            throw new DataMissingException(dir + ": expected 10 files langloc_fmri_run{1,2}_stim_set{1..5}.csv, found " + files.size());
        }
        List<String> s = new ArrayList<>();
        List<String> n = new ArrayList<>();
        for (Path f : files) {
            List<String> lines;
            try {
                lines = Files.readAllLines(f);
            } catch (IOException e) {
                throw new DataMissingException("cannot read " + f + ": " + e.getMessage(), e);
            }
            if (lines.isEmpty() || !lines.getFirst().startsWith("stim1,stim2")) {
                throw new DataMissingException(f + ": expected the header stim1,...,stim14");
            }
            for (int i = 1; i < lines.size(); i++) {
                if (lines.get(i).isBlank()) {
                    continue;
                }
                String[] cells = lines.get(i).split(",", -1);
                if (cells.length != 14) {
                    throw new DataMissingException(f + " line " + (i + 1) + ": expected 14 columns, found " + cells.length);
                }
                List<String> words = new ArrayList<>();
                for (int c = 1; c <= 12; c++) {
                    words.add(cells[c].trim().toLowerCase(Locale.ROOT));
                }
                String text = String.join(" ", words);
                switch (cells[13].trim()) {
                    case "S" -> s.add(text);
                    case "N" -> n.add(text);
                    default -> throw new DataMissingException(f + " line " + (i + 1) + ": condition must be S or N, found '"
                            + cells[13] + "'");
                }
            }
        }
        return new LocalizerStimuli("fedorenko2010", List.copyOf(s), List.copyOf(n));
    }
}
