package org.brainalign.benchmarks.drivesuppress;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.brainalign.benchmarks.DataSource;
import org.brainalign.benchmarks.neural.NeuralData;
import org.brainalign.benchmarks.tuckute2024.TuckuteData;
import org.brainalign.core.assembly.Assembly;
import org.brainalign.core.assembly.Coordinate;
import org.brainalign.core.digest.Sha256;
import org.brainalign.core.linalg.DMatrix;

/**
 * The baseline sentences of Tuckute et al. 2024 with their measured responses: the 1,000 sentences
 * {@code B.1}…{@code B.1000} in the data file's order, and one column per target (the language
 * network {@code lang_LH_netw}, or fROIs), each the mean over the 5 train participants. The checksum
 * names the data file's content, so a saved encoder records what it was fitted on.
 *
 * @param ids stimulus ids ({@code B.n}), one per row
 * @param sentences the sentences as presented
 * @param targets the response columns, in order
 * @param responses {@code sentences × targets} measured responses
 * @param checksum SHA-256 over the data files' pinned checksums
 */
public record BaselineSet(List<String> ids, List<String> sentences, List<String> targets, DMatrix responses, String checksum) {

    public BaselineSet {
        ids = List.copyOf(ids);
        sentences = List.copyOf(sentences);
        targets = List.copyOf(targets);
        if (ids.size() != sentences.size() || responses.rows() != ids.size() || responses.cols() != targets.size()) {
            throw new IllegalArgumentException("baseline set: " + ids.size() + " ids, " + sentences.size() + " sentences, "
                    + responses.rows() + " x " + responses.cols() + " responses for " + targets.size() + " targets");
        }
    }

    /** The real baseline set with {@code targets} (column names of the Tuckute2024 file) as response columns. */
    public static BaselineSet load(DataSource source, List<String> targets) {
        if (source.simulated()) {
            throw new IllegalArgumentException("the drive/suppress study runs on the real Tuckute2024 responses only");
        }
        for (String t : targets) {
            if (!t.equals(TuckuteData.NETWORK) && !TuckuteData.FROIS.contains(t)) {
                throw new IllegalArgumentException("unknown target '" + t + "'; expected " + TuckuteData.NETWORK + " or one of "
                        + TuckuteData.FROIS);
            }
        }
        NeuralData data = TuckuteData.load(source, targets);
        Assembly a = data.target();
        Map<String, String> sorted = new TreeMap<>(data.checksums());
        String checksum = Sha256.hex(sorted.toString().getBytes(StandardCharsets.UTF_8));
        return new BaselineSet(labels(a, "stimulus_id"), labels(a, "stimulus"), targets, a.values(), checksum);
    }

    private static List<String> labels(Assembly a, String name) {
        return Arrays.asList(((Coordinate.Text) a.coord(Assembly.Dim.PRESENTATION, name)).values());
    }

    public int size() {
        return ids.size();
    }

    /** The rows {@code rows}, in that order (same targets and checksum). */
    public BaselineSet subset(int[] rows) {
        return new BaselineSet(Arrays.stream(rows).mapToObj(ids::get).toList(), Arrays.stream(rows).mapToObj(sentences::get).toList(),
                targets, responses.selectRows(rows), checksum);
    }

    /** The fewest and most words (whitespace-separated) of any baseline sentence. */
    public int[] wordRange() {
        int min = Integer.MAX_VALUE;
        int max = 0;
        for (String s : sentences) {
            int w = SentenceFilter.words(s);
            min = Math.min(min, w);
            max = Math.max(max, w);
        }
        return new int[] {min, max};
    }
}
