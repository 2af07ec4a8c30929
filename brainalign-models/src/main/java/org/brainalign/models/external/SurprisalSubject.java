package org.brainalign.models.external;

import java.util.Optional;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.brainalign.core.subject.Modality;
import org.brainalign.core.subject.Region;
import org.brainalign.core.subject.Subject;
import org.brainalign.core.subject.SubjectOutput;
import org.brainalign.core.subject.Task;

/**
 * A model known only by its surprisals ({@code --model surprisal:<file>}): each {@link #digestText}
 * call is found in the file's text and each part gets the sum of its tokens' surprisals in bits.
 *
 * <p>Alignment ignores whitespace. A call's text is looked for after the end of the previous call's
 * match, then anywhere in the file; if only the call's first part is missing (a text's first word
 * carries no surprisal in many exports), that part is NaN, as BSL's first part is. A part's first and
 * last characters must be a token's first and last: a token that straddles two words is an error
 * naming both. When the words and the file differ only in a few same-length spellings (at most one
 * word in a hundred, two letters each; Natural Stories shows "peaked" where the story text has
 * "peeked"), the call is aligned and each difference is reported on stderr. Anything else — a word the
 * file lacks, a different word order — is an error naming the first word that does not match, never a
 * partial score. Rows of whitespace-only tokens belong to no word and are dropped. Only reading
 * times (surprisal) can be asked for.
 */
public final class SurprisalSubject implements Subject {
    private final SurprisalFile file;
    private final String id;
    /** The file's text without whitespace, and per character its row. */
    private final String stream;
    private final int[] rowOf;
    private final int[] rowStart;
    private int cursor;
    private boolean reading;

    public SurprisalSubject(SurprisalFile file, String id) {
        this.file = file;
        this.id = id;
        StringBuilder sb = new StringBuilder();
        List<Integer> rows = new ArrayList<>();
        rowStart = new int[file.tokens().size() + 1];
        for (int r = 0; r < file.tokens().size(); r++) {
            rowStart[r] = sb.length();
            String t = strip(file.tokens().get(r));
            sb.append(t);
            for (int c = 0; c < t.length(); c++) {
                rows.add(r);
            }
        }
        rowStart[file.tokens().size()] = sb.length();
        stream = sb.toString();
        rowOf = rows.stream().mapToInt(Integer::intValue).toArray();
    }

    private static String strip(String s) {
        return s.replaceAll("\\s+", "");
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public void startBehavioralTask(Task task) {
        cannotPerform(task).ifPresent(why -> {
            throw new UnsupportedOperationException(why);
        });
        reading = true;
    }

    @Override
    public Optional<String> cannotPerform(Task task) {
        return task == Task.READING_TIMES ? Optional.empty()
                : Optional.of(id + " is a file of surprisals only, so it has no " + task.inWords());
    }

    @Override
    public Optional<String> cannotRecord() {
        return Optional.of(id + " is a file of surprisals only, so it has no layer activations");
    }

    @Override
    public void startNeuralRecording(Region region, Modality modality) {
        throw new UnsupportedOperationException(cannotRecord().orElseThrow());
    }

    @Override
    public SubjectOutput digestText(List<String> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("digestText needs at least one part");
        }
        if (!reading) {
            throw new IllegalStateException(id + ": start the reading-times task first");
        }
        String[] q = new String[parts.size()];
        StringBuilder text = new StringBuilder();
        for (int j = 0; j < q.length; j++) {
            q[j] = strip(parts.get(j));
            if (q[j].isEmpty()) {
                throw new IllegalArgumentException("part " + j + " is blank");
            }
            text.append(q[j]);
        }
        String all = text.toString();
        String withoutFirst = all.substring(q[0].length());
        int start = find(all);
        int skip = 0;
        if (start < 0 && q.length > 1) {
            start = find(withoutFirst);
            skip = start < 0 ? 0 : 1;
        }
        List<String> substituted = new ArrayList<>();
        if (start < 0) {
            start = tolerant(q, substituted);
        }
        double[] out = new double[parts.size()];
        int pos = start;
        for (int j = 0; j < q.length; j++) {
            if (j < skip) {
                out[j] = Double.NaN;
                continue;
            }
            int end = pos + q[j].length();
            int first = rowOf[pos];
            int last = rowOf[end - 1];
            if (rowStart[first] != pos || rowStart[last + 1] != end) {
                int straddler = rowStart[first] != pos ? first : last;
                throw new IllegalArgumentException(file.file() + ": token '" + file.tokens().get(straddler) + "' (line "
                        + file.lines()[straddler] + ") straddles the word '" + parts.get(j) + "' and its neighbour; each word "
                        + "must be whole tokens");
            }
            double sum = 0;
            for (int r = first; r <= last; r++) {
                sum += file.bits()[r];
            }
            out[j] = sum;
            pos = end;
        }
        cursor = pos;
        if (!substituted.isEmpty()) {
            System.err.printf(Locale.ROOT, "%s: aligned %d word(s) spelled differently in %s: %s%n", id, substituted.size(),
                    file.file().getFileName(), String.join(", ", substituted));
        }
        return new SubjectOutput(parts, List.of(), out, List.of());
    }

    /** The start of {@code s} in the stream: after the cursor first, else anywhere; −1 if absent. */
    private int find(String s) {
        if (s.isEmpty()) {
            return -1;
        }
        int at = stream.indexOf(s, cursor);
        return at >= 0 ? at : stream.indexOf(s);
    }

    /**
     * Aligns the call at the cursor allowing a few same-length spelling differences; the error names
     * the first word that does not match.
     */
    private int tolerant(String[] q, List<String> substituted) {
        int pos = cursor;
        int allowed = Math.max(1, q.length / 100);
        for (int j = 0; j < q.length; j++) {
            int end = pos + q[j].length();
            String found = end <= stream.length() ? stream.substring(pos, end) : stream.substring(Math.min(pos, stream.length()));
            if (!found.equals(q[j])) {
                int differing = 0;
                if (found.length() == q[j].length()) {
                    for (int c = 0; c < found.length(); c++) {
                        differing += found.charAt(c) != q[j].charAt(c) ? 1 : 0;
                    }
                }
                if (found.length() != q[j].length() || differing > 2 || substituted.size() >= allowed) {
                    String line = pos < rowOf.length ? " (line " + file.lines()[rowOf[pos]] + ")" : " (past its end)";
                    throw new IllegalArgumentException(file.file() + " does not hold the text given to " + id + ": word " + j
                            + " of this call is '" + q[j] + "' but the file has '" + found + "'" + line
                            + "; the file must cover every word the benchmark presents, in order");
                }
                substituted.add("'" + q[j] + "' as '" + found + "'");
            }
            pos = end;
        }
        return cursor;
    }
}
