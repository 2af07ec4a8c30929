package org.brainalign.app.cli;

import org.brainalign.models.registry.ModelRegistry;
import org.brainalign.models.registry.OpenedModel;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.brainalign.benchmarks.data.DataDirectory;
import org.brainalign.benchmarks.data.DataMissingException;
import org.brainalign.benchmarks.data.DataVerifier;
import org.brainalign.benchmarks.localizer.LanguageMask;
import org.brainalign.benchmarks.localizer.Localizer;
import org.brainalign.benchmarks.localizer.LocalizerStimuli;
import org.brainalign.benchmarks.localizer.MaskCache;
import org.brainalign.benchmarks.localizer.TopK;
import org.brainalign.core.digest.Sha256;

/** Obtains a language mask for a model: from the cache when its key matches, else by running the localizer. */
final class LocalizerRun {
    private LocalizerRun() {}

    static LanguageMask obtain(OpenedModel model, String stimuliId, TopK topK, boolean useCache, boolean progress,
            PrintWriter err) throws IOException {
        if (!stimuliId.equals("fedorenko2010")) {
            throw new IllegalArgumentException("unknown localizer stimuli '" + stimuliId + "'; available: fedorenko2010");
        }
        Path dir = DataDirectory.fromEnvironment().dataset("fedorenko2010-localizer");
        LocalizerStimuli stimuli = LocalizerStimuli.fedorenko2010(dir);
        var subject = model.freshSubject();
        String key = MaskCache.key(subject.id(), stimuli.id(), checksum(dir), model.layers(), topK);
        MaskCache cache = new MaskCache(CachePaths.root().resolve("localizer"));
        if (useCache) {
            var cached = cache.load(key, w -> err.println("warning: " + w));
            if (cached.isPresent()) {
                err.println("language mask from cache " + cache.file(key));
                return cached.get();
            }
        }
        LanguageMask mask;
        try (ConsoleProgress bar = new ConsoleProgress(stimuli.id(), progress)) {
            mask = Localizer.localize(subject, stimuli, topK, key, bar);
        }
        if (useCache) {
            cache.save(mask);
        }
        return mask;
    }

    /** SHA-256 over the SHA-256 of every stimulus file, in name order. */
    private static String checksum(Path dir) throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".csv")).sorted().toList()) {
                all.append(DataVerifier.sha256(f));
            }
        } catch (IOException e) {
            throw new DataMissingException("cannot read the localizer stimuli in " + dir + ": " + e.getMessage(), e);
        }
        return Sha256.hex(all.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    static void printCounts(LanguageMask mask, PrintWriter out) {
        int width = Math.max(5, mask.layers().stream().mapToInt(l -> l.name().length()).max().orElse(5));
        out.printf("%-" + width + "s  %8s  %8s  %8s%n", "layer", "units", "selected", "max t");
        for (LanguageMask.Layer l : mask.layers()) {
            double max = java.util.Arrays.stream(l.t()).filter(v -> !Double.isNaN(v)).max().orElse(Double.NaN);
            out.printf("%-" + width + "s  %8d  %8d  %8.2f%n", l.name(), l.t().length, l.selectedUnits().length, max);
        }
        out.printf("%-" + width + "s  %8d  %8d%n", "total", mask.layers().stream().mapToInt(l -> l.t().length).sum(),
                mask.selectedCount());
    }

    static List<String> names(LanguageMask mask) {
        return mask.layers().stream().map(LanguageMask.Layer::name).toList();
    }
}
