package org.brainalign.benchmarks.brennan2016;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.brainalign.benchmarks.data.DataMissingException;

/**
 * One interval tier of a Praat TextGrid in the long text format ({@code File type = "ooTextFile"}):
 * each interval's start, end (seconds) and label. Intervals must be in time order, each ending where
 * it should; anything else is an error naming the file and the interval.
 *
 * @param name the tier's name
 * @param intervals in time order
 */
public record TextGrid(String name, List<Interval> intervals) {

    /** One labelled interval, in seconds. */
    public record Interval(double start, double end, String text) {}

    private static final Pattern TIER = Pattern.compile("class = \"IntervalTier\"\\s+name = \"([^\"]*)\"");
    private static final Pattern INTERVAL = Pattern.compile(
            "intervals \\[(\\d+)\\]:\\s+xmin = ([-0-9.eE+]+)\\s+xmax = ([-0-9.eE+]+)\\s+text = \"((?:[^\"]|\"\")*)\"");
    private static final Pattern SIZE = Pattern.compile("intervals: size = (\\d+)");

    /** Reads tier {@code tierName} of {@code file}. */
    public static TextGrid read(Path file, String tierName) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new DataMissingException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (!text.contains("ooTextFile") || !text.contains("TextGrid")) {
            throw new DataMissingException(file + ": not a Praat TextGrid in the long text format (no 'ooTextFile' header)");
        }
        Matcher tier = TIER.matcher(text);
        int from = -1;
        List<String> names = new ArrayList<>();
        while (tier.find()) {
            names.add(tier.group(1));
            if (tier.group(1).equals(tierName) && from < 0) {
                from = tier.end();
            }
        }
        if (from < 0) {
            throw new DataMissingException(file + ": no interval tier '" + tierName + "'; tiers: " + names);
        }
        int to = text.indexOf("class = ", from);
        String body = text.substring(from, to < 0 ? text.length() : to);
        Matcher size = SIZE.matcher(body);
        if (!size.find()) {
            throw new DataMissingException(file + ": tier '" + tierName + "' has no 'intervals: size = N' line");
        }
        int expected = Integer.parseInt(size.group(1));
        List<Interval> out = new ArrayList<>();
        Matcher m = INTERVAL.matcher(body);
        double previousEnd = Double.NEGATIVE_INFINITY;
        while (m.find()) {
            int number = Integer.parseInt(m.group(1));
            double start = Double.parseDouble(m.group(2));
            double end = Double.parseDouble(m.group(3));
            if (number != out.size() + 1 || !(end > start) || start < previousEnd - 1e-9) {
                throw new DataMissingException(file + ": tier '" + tierName + "', interval " + number + " [" + start + ", " + end
                        + "] is out of order or empty");
            }
            out.add(new Interval(start, end, m.group(4).replace("\"\"", "\"")));
            previousEnd = end;
        }
        if (out.size() != expected) {
            throw new DataMissingException(file + ": tier '" + tierName + "' declares " + expected + " intervals but "
                    + out.size() + " could be read (truncated?)");
        }
        return new TextGrid(tierName, List.copyOf(out));
    }
}
