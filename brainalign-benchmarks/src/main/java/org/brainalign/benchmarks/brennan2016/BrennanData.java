package org.brainalign.benchmarks.brennan2016;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.brainalign.benchmarks.data.DataMissingException;
import org.brainalign.core.metric.Stats;

/**
 * Brennan et al. (2016)'s naturalistic fMRI (participants listening to chapter 1 of <i>Alice in
 * Wonderland</i>): the words of the TextGrid's {@code word} tier with their onsets ({@code sp} and empty
 * intervals are silence), and per participant the 362 volumes (TR 2 s) of six ROI time courses
 * (LATL RATL LPTL LIPL LPreM LIFG, 6 or 10 mm spheres), six head-motion parameters, and the authors'
 * HRF-convolved word-rate and sound-power regressors.
 *
 * <p>A participant whose file has the wrong shape, a non-finite value or a constant column (s33's
 * time courses are all zeros: a broken export) is left out with the reason, and the others are read.
 * The time of volume 0 is established from the data: the volume time t₀ + 2k at which a word-rate
 * regressor built here (unit impulses at the word onsets convolved with {@link Hrf}) best matches the
 * participants' own word-rate regressors (mean Pearson r, t₀ searched in [−10, 40] s by 0.05 s); the
 * match per participant is kept ({@link #rateMatch}).
 *
 * @param words the words, in onset order
 * @param participants the participants read, in file-name order
 * @param rejected one line per participant left out: its id, file and reason
 * @param volumeZero t₀: the audio time (s) of the first kept volume
 * @param rateMatch per participant, Pearson r between its word-rate regressor and ours at t₀
 * @param radius the ROI radius read ("6mm" or "10mm")
 */
public record BrennanData(List<Word> words, List<Participant> participants, List<String> rejected, double volumeZero,
                          double[] rateMatch, String radius) {
    /** Seconds per volume. */
    public static final double TR = 2.0;
    /** Volumes per time course after the 10 discarded ones. */
    public static final int VOLUMES = 362;
    /** The ROI columns. */
    public static final List<String> ROIS = List.of("LATL", "RATL", "LPTL", "LIPL", "LPreM", "LIFG");
    /** The TextGrid, relative to the data set folder. */
    public static final String TEXTGRID = "alice_stim_shared/DownTheRabbitHoleFinal_exp120_pad_1.TextGrid";

    /** A word and its onset (s, audio time). */
    public record Word(double onset, String text) {}

    /**
     * One participant's recordings, volume by volume.
     *
     * @param id e.g. {@code s18}
     * @param rois 362 × 6 BOLD, columns as {@link #ROIS}
     * @param motion 362 × 6 realignment parameters
     * @param rate the authors' HRF-convolved word rate (362)
     * @param soundPower the authors' HRF-convolved sound power (362)
     */
    public record Participant(String id, double[][] rois, double[][] motion, double[] rate, double[] soundPower) {}

    /** Reads the data set folder {@code dir}; {@code radius} is "6mm" or "10mm". */
    public static BrennanData load(Path dir, String radius) {
        return load(dir, radius, true);
    }

    /**
     * {@link #load(Path, String)}; {@code checkPins} false only for tests of how a participant with a
     * damaged file is left out (the release's own s33 is short), which a pinned copy never reaches.
     */
    static BrennanData load(Path dir, String radius, boolean checkPins) {
        if (!radius.equals("6mm") && !radius.equals("10mm")) {
            throw new IllegalArgumentException("Brennan2016 ROI radius is 6mm or 10mm, not " + radius);
        }
        var set = org.brainalign.benchmarks.data.DataCatalog.bundled().get("brennan2016-alice");
        DataMissingException.requireFile(set, dir.resolve(TEXTGRID));
        if (checkPins) {
            org.brainalign.benchmarks.data.DataVerifier.requirePinned(set, dir, TEXTGRID);
            org.brainalign.benchmarks.data.DataVerifier.requirePinnedUnder(set, dir, "alice_data_shared/");
        }
        List<Word> words = new ArrayList<>();
        for (TextGrid.Interval i : TextGrid.read(dir.resolve(TEXTGRID), "word").intervals()) {
            String w = i.text().strip();
            if (!w.isEmpty() && !w.equals("sp")) {
                words.add(new Word(i.start(), w));
            }
        }
        Path data = dir.resolve("alice_data_shared");
        Path roiDir = data.resolve(radius);
        List<String> ids;
        try (Stream<Path> s = Files.list(roiDir)) {
            ids = s.map(p -> p.getFileName().toString()).filter(n -> n.matches("s\\d+-timecourses\\.txt"))
                    .map(n -> n.substring(0, n.indexOf('-'))).sorted().toList();
        } catch (IOException e) {
            throw new DataMissingException("cannot list " + roiDir + " (" + e.getMessage() + "); the brennan2016-alice data set "
                    + "belongs in <data>/brennan2016-alice (see 'brainalign data list')", e);
        }
        List<Participant> participants = new ArrayList<>();
        List<String> rejected = new ArrayList<>();
        for (String id : ids) {
            try {
                participants.add(participant(data, roiDir, id));
            } catch (DataMissingException e) {
                rejected.add(id + ": " + e.getMessage());
            }
        }
        if (participants.size() < 3) {
            throw new DataMissingException(roiDir + ": only " + participants.size() + " usable participants; " + rejected);
        }
        double[] onsets = words.stream().mapToDouble(Word::onset).toArray();
        double best = Double.NEGATIVE_INFINITY;
        double bestT0 = Double.NaN;
        for (int step = 0; step <= 1000; step++) {
            double t0 = -10 + 0.05 * step;
            double[] ours = Hrf.convolve(onsets, null, volumeTimes(t0));
            double sum = 0;
            for (Participant p : participants) {
                sum += Stats.pearson(ours, p.rate());
            }
            if (sum > best) {
                best = sum;
                bestT0 = t0;
            }
        }
        double[] ours = Hrf.convolve(onsets, null, volumeTimes(bestT0));
        double[] match = participants.stream().mapToDouble(p -> Stats.pearson(ours, p.rate())).toArray();
        return new BrennanData(List.copyOf(words), List.copyOf(participants), List.copyOf(rejected), bestT0, match, radius);
    }

    /** The audio times of the 362 volumes when the first is at {@code t0}. */
    public static double[] volumeTimes(double t0) {
        double[] t = new double[VOLUMES];
        for (int k = 0; k < VOLUMES; k++) {
            t[k] = t0 + TR * k;
        }
        return t;
    }

    /** This data's volume times. */
    public double[] volumeTimes() {
        return volumeTimes(volumeZero);
    }

    private static Participant participant(Path data, Path roiDir, String id) {
        double[][] rois = matrix(roiDir.resolve(id + "-timecourses.txt"), VOLUMES, 6, true);
        double[] rate = column(matrix(data.resolve(id + "-rate.txt"), VOLUMES, 1, true));
        double[] power = column(matrix(data.resolve(id + "-sndpwr.txt"), VOLUMES, 1, true));
        List<Path> rp;
        try (Stream<Path> s = Files.list(data)) {
            rp = s.filter(p -> p.getFileName().toString().startsWith(id + "-rp_")).toList();
        } catch (IOException e) {
            throw new DataMissingException("cannot list " + data + ": " + e.getMessage(), e);
        }
        if (rp.size() != 1) {
            throw new DataMissingException(data + ": expected one " + id + "-rp_*.txt motion file, found " + rp.size());
        }
        double[][] motion = matrix(rp.getFirst(), -1, 6, false);
        if (motion.length == VOLUMES + 10) {
            motion = java.util.Arrays.copyOfRange(motion, 10, motion.length); // the scan's 10 discarded volumes
        } else if (motion.length != VOLUMES) {
            throw new DataMissingException(rp.getFirst() + ": " + motion.length + " rows; expected " + VOLUMES + " or "
                    + (VOLUMES + 10) + " (with the 10 discarded volumes)");
        }
        return new Participant(id, rois, motion, rate, power);
    }

    private static double[] column(double[][] m) {
        double[] c = new double[m.length];
        for (int i = 0; i < m.length; i++) {
            c[i] = m[i][0];
        }
        return c;
    }

    /** A whitespace-separated numeric file of {@code rows} (−1: any) × {@code cols}; constant columns refused when asked. */
    static double[][] matrix(Path file, int rows, int cols, boolean refuseConstant) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file).stream().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new DataMissingException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (rows >= 0 && lines.size() != rows) {
            throw new DataMissingException(file + ": " + lines.size() + " rows; expected " + rows);
        }
        double[][] m = new double[lines.size()][];
        for (int i = 0; i < m.length; i++) {
            String[] f = lines.get(i).strip().split("\\s+");
            if (f.length != cols) {
                throw new DataMissingException(file + ": line " + (i + 1) + " has " + f.length + " values; expected " + cols);
            }
            m[i] = new double[cols];
            for (int j = 0; j < cols; j++) {
                try {
                    m[i][j] = Double.parseDouble(f[j]);
                } catch (NumberFormatException e) {
                    throw new DataMissingException(file + ": line " + (i + 1) + " value " + (j + 1) + " is '" + f[j] + "'");
                }
                if (!Double.isFinite(m[i][j])) {
                    throw new DataMissingException(file + ": line " + (i + 1) + " value " + (j + 1) + " is " + f[j]);
                }
            }
        }
        if (refuseConstant) {
            for (int j = 0; j < cols; j++) {
                double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
                for (double[] row : m) {
                    min = Math.min(min, row[j]);
                    max = Math.max(max, row[j]);
                }
                if (!(max > min)) {
                    throw new DataMissingException(file + ": column " + (j + 1) + " is constant (" + min + "); a broken export");
                }
            }
        }
        return m;
    }
}
