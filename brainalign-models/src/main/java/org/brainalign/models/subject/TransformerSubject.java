package org.brainalign.models.subject;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.brainalign.core.subject.LayerActivations;
import org.brainalign.core.subject.Modality;
import org.brainalign.core.subject.Region;
import org.brainalign.core.subject.Subject;
import org.brainalign.core.subject.SubjectOutput;
import org.brainalign.core.subject.Task;
import org.brainalign.models.LoadedModel;
import org.brainalign.models.nn.ForwardOutput;
import org.brainalign.models.nn.ForwardRequest;
import org.brainalign.models.nn.TransformerModel;
import org.brainalign.models.tokenizer.TokenizedText;

/**
 * A {@link Subject} backed by a transformer: the port of Brain-Score Language's
 * {@code HuggingfaceSubject}, computing every part of a call in one pass per context window.
 *
 * <p>The parts are joined by single spaces and tokenized once; part {@code i}'s representation is
 * the hidden state of its last token (the last token starting before the part's end). Causal models
 * run over the whole token sequence in windows ({@link ContextWindow}); bidirectional encoders
 * (BERT, RoBERTa) must not see later parts, so they run once per part over that part's prefix,
 * left-truncated to the model's length. Reading times are surprisal in bits,
 * {@code −log₂ p(token | left context)} summed over the part's tokens (a token with no left context
 * has none, so a one-token first part gives NaN); the next word is the decoded argmax token after
 * the part's last token.
 */
public final class TransformerSubject implements Subject {

    private static final double LN2 = Math.log(2);

    private final LoadedModel model;
    private final NDManager manager;
    private final ContextWindow window;
    private final List<String> layers;
    private final Set<Task> tasks = EnumSet.noneOf(Task.class);
    private boolean recording;

    /**
     * @param model the network and tokenizer
     * @param manager parent of the per-window tensor scopes
     * @param window how long calls are windowed
     * @param layers the layers a neural recording returns (names from the model's layer list)
     */
    public TransformerSubject(LoadedModel model, NDManager manager, ContextWindow window, List<String> layers) {
        this.model = Objects.requireNonNull(model, "model");
        this.manager = Objects.requireNonNull(manager, "manager");
        this.window = Objects.requireNonNull(window, "window");
        List<String> known = model.network().layerNames();
        for (String layer : layers) {
            if (!known.contains(layer)) {
                throw new IllegalArgumentException("model " + model.id() + " has no layer '" + layer + "'; its layers are "
                        + abbreviate(known));
            }
        }
        this.layers = List.copyOf(layers);
    }

    private static String abbreviate(List<String> names) {
        return names.size() <= 12 ? names.toString()
                : names.subList(0, 6) + " … " + names.subList(names.size() - 3, names.size()) + " (" + names.size() + " layers)";
    }

    @Override
    public String id() {
        return model.id();
    }

    @Override
    public void startBehavioralTask(Task task) {
        if (!model.network().isCausalLm()) {
            throw new UnsupportedOperationException(model.id() + " is a " + model.network().config().family().modelType()
                    + " encoder without a causal LM head; it cannot perform " + task);
        }
        tasks.add(task);
    }

    @Override
    public void startNeuralRecording(Region region, Modality modality) {
        if (layers.isEmpty()) {
            throw new IllegalStateException(model.id() + ": no layers were chosen to record");
        }
        recording = true;
    }

    /** The layers a neural recording returns. */
    public List<String> layers() {
        return layers;
    }

    @Override
    public SubjectOutput digestText(List<String> parts) {
        return digestText(parts, PartsDone.NONE);
    }

    @Override
    public SubjectOutput digestText(List<String> parts, PartsDone progress) {
        if (parts == null || parts.isEmpty()) {
            throw new IllegalArgumentException("digestText needs at least one part; the text is empty");
        }
        int[] starts = new int[parts.size()];
        int[] ends = new int[parts.size()];
        StringBuilder joined = new StringBuilder();
        for (int i = 0; i < parts.size(); i++) {
            String part = parts.get(i);
            if (part == null || part.isBlank()) {
                throw new IllegalArgumentException("part " + i + " of " + parts.size() + " is empty; every part must contain text");
            }
            if (i > 0) {
                joined.append(' ');
            }
            starts[i] = joined.length();
            joined.append(part);
            ends[i] = joined.length();
        }
        Result result = model.network().isCausalLm()
                ? causal(joined.toString(), parts, starts, ends, progress)
                : bidirectional(parts, progress);
        List<LayerActivations> activations = new ArrayList<>();
        if (recording) {
            for (int l = 0; l < layers.size(); l++) {
                activations.add(new LayerActivations(layers.get(l), parts.size(), result.units[l], result.rows[l]));
            }
        }
        double[] readingTimes = tasks.contains(Task.READING_TIMES) ? result.readingTimes : new double[0];
        List<String> nextWords = tasks.contains(Task.NEXT_WORD) ? Arrays.asList(result.nextWords) : List.of();
        return new SubjectOutput(parts, activations, readingTimes, nextWords);
    }

    /** Per-call accumulators. */
    private static final class Result {
        final float[][] rows;
        final int[] units;
        final double[] readingTimes;
        final String[] nextWords;

        Result(int layers, int parts) {
            rows = new float[layers][];
            units = new int[layers];
            readingTimes = new double[parts];
            nextWords = new String[parts];
        }

        void copyRow(int layer, float[] source, int sourceRow, int units, int part, int parts) {
            if (rows[layer] == null) {
                rows[layer] = new float[parts * units];
                this.units[layer] = units;
            }
            System.arraycopy(source, sourceRow * units, rows[layer], part * units, units);
        }
    }

    private static BitSet asBitSet(int[] indices) {
        BitSet set = new BitSet();
        Arrays.stream(indices).forEach(set::set);
        return set;
    }

    private int[] layerIndices() {
        List<String> names = model.network().layerNames();
        return recording ? layers.stream().mapToInt(names::indexOf).toArray() : new int[0];
    }

    private Result causal(String text, List<String> parts, int[] starts, int[] ends, PartsDone progress) {
        TransformerModel net = model.network();
        TokenizedText enc = model.tokenizer().encode(text);
        int n = enc.size();
        int[] last = lastTokens(enc, parts, starts, ends);
        int w = window.length(net.maxTokens());
        int stride = window.strideFor(net.maxTokens());
        int[] layerIdx = layerIndices();
        BitSet wanted = asBitSet(layerIdx);
        boolean readingTimes = tasks.contains(Task.READING_TIMES);
        boolean nextWord = tasks.contains(Task.NEXT_WORD);
        ForwardRequest request = new ForwardRequest(wanted, readingTimes || nextWord);
        Result result = new Result(layerIdx.length, parts.size());
        double[] surprisal = new double[n];
        Arrays.fill(surprisal, Double.NaN);
        long[] argmax = new long[n];
        long[] ids = enc.ids();
        int end = 0;
        while (end < n) {
            int newEnd = end == 0 ? Math.min(n, w) : Math.min(n, end + stride);
            int from = Math.max(0, newEnd - w);
            long[] windowIds = Arrays.copyOfRange(ids, from, newEnd);
            try (NDManager scope = manager.newSubManager()) {
                ForwardOutput out = net.forward(scope, new long[][] {windowIds}, request);
                for (int l = 0; l < layerIdx.length; l++) {
                    NDArray states = out.layer(layerIdx[l]);                      // [1, T, C]
                    int units = (int) states.getShape().get(2);
                    float[] values = states.toFloatArray();
                    for (int p = 0; p < parts.size(); p++) {
                        if (last[p] >= end && last[p] < newEnd) {
                            result.copyRow(l, values, last[p] - from, units, p, parts.size());
                        }
                    }
                }
                if (readingTimes) {
                    int firstTarget = Math.max(end, from + 1);
                    if (firstTarget < newEnd) {
                        // log p(ids[j] | ids[from..j-1]) from the logits at position j-1, for the window's new tokens
                        NDArray logits = out.logits().get(new NDIndex("0, {}:{}, :", firstTarget - 1 - from, newEnd - 1 - from));
                        long[] targets = Arrays.copyOfRange(ids, firstTarget, newEnd);
                        NDArray logProbs = logits.logSoftmax(-1)
                                .gather(scope.create(targets, new Shape(targets.length, 1)), 1);        // [m, 1]
                        float[] lp = logProbs.toFloatArray();
                        for (int k = 0; k < lp.length; k++) {
                            surprisal[firstTarget + k] = -lp[k] / LN2;
                        }
                    }
                }
                if (nextWord) {
                    long[] best = out.logits().get(new NDIndex("0")).argMax(-1).toLongArray();        // [T]
                    for (int j = end; j < newEnd; j++) {
                        argmax[j] = best[j - from];
                    }
                }
            }
            end = newEnd;
            int done = 0;
            while (done < parts.size() && last[done] < end) {
                done++;
            }
            progress.update(done, parts.size());
        }
        for (int p = 0; p < parts.size(); p++) {
            if (readingTimes) {
                int first = p == 0 ? 0 : last[p - 1] + 1;
                double sum = 0;
                boolean any = false;
                for (int j = first; j <= last[p]; j++) {
                    if (!enc.isSpecial(j) && !Double.isNaN(surprisal[j])) {
                        sum += surprisal[j];
                        any = true;
                    }
                }
                result.readingTimes[p] = any ? sum : Double.NaN;
            }
            if (nextWord) {
                result.nextWords[p] = model.tokenizer().decode(new long[] {argmax[last[p]]}).strip();
            }
        }
        return result;
    }

    private Result bidirectional(List<String> parts, PartsDone progress) {
        TransformerModel net = model.network();
        int w = window.length(net.maxTokens());
        int[] layerIdx = layerIndices();
        BitSet wanted = asBitSet(layerIdx);
        Result result = new Result(layerIdx.length, parts.size());
        if (layerIdx.length == 0) {
            progress.update(parts.size(), parts.size());
            return result;
        }
        StringBuilder prefix = new StringBuilder();
        for (int p = 0; p < parts.size(); p++) {
            if (p > 0) {
                prefix.append(' ');
            }
            int start = prefix.length();
            prefix.append(parts.get(p));
            TokenizedText enc = model.tokenizer().encode(prefix.toString());
            int lastToken = lastTokens(enc, List.of(parts.get(p)), new int[] {start}, new int[] {prefix.length()})[0];
            long[] ids = leftTruncate(enc, w);
            // truncation drops ordinary tokens after the leading specials, all of them before lastToken
            int row = lastToken - (enc.size() - ids.length);
            try (NDManager scope = manager.newSubManager()) {
                ForwardOutput out = net.forward(scope, new long[][] {ids}, new ForwardRequest(wanted, false));
                for (int l = 0; l < layerIdx.length; l++) {
                    NDArray states = out.layer(layerIdx[l]);
                    result.copyRow(l, states.toFloatArray(), row, (int) states.getShape().get(2), p, parts.size());
                }
            }
            progress.update(p + 1, parts.size());
        }
        return result;
    }

    private static int leadingSpecialCount(TokenizedText enc) {
        int k = 0;
        while (k < enc.size() && enc.isSpecial(k)) {
            k++;
        }
        return k;
    }

    /**
     * Keeps the leading and trailing special tokens and the last {@code w − specials} ordinary
     * tokens, as HuggingFace's left truncation does before adding special tokens.
     */
    static long[] leftTruncate(TokenizedText enc, int w) {
        int n = enc.size();
        if (n <= w) {
            return enc.ids();
        }
        int leading = leadingSpecialCount(enc);
        int trailing = 0;
        while (trailing < n - leading && enc.isSpecial(n - 1 - trailing)) {
            trailing++;
        }
        int keep = w - leading - trailing;
        if (keep <= 0) {
            throw new IllegalArgumentException("a window of " + w + " tokens leaves no room besides " + (leading + trailing)
                    + " special tokens");
        }
        long[] ids = enc.ids();
        long[] out = new long[w];
        System.arraycopy(ids, 0, out, 0, leading);
        System.arraycopy(ids, n - trailing - keep, out, leading, keep + trailing);
        return out;
    }

    /** Index of each part's last token: the last non-special token starting before the part's end. */
    public static int[] lastTokens(TokenizedText enc, List<String> parts, int[] starts, int[] ends) {
        int[] last = new int[parts.size()];
        int token = -1;
        int previous = -1;
        for (int p = 0; p < parts.size(); p++) {
            while (token + 1 < enc.size() && (enc.isSpecial(token + 1) || enc.starts()[token + 1] < ends[p])) {
                token++;
            }
            int t = token;
            while (t > previous && enc.isSpecial(t)) {
                t--;
            }
            if (t <= previous || t < 0 || enc.ends()[t] <= starts[p] - 1) {
                throw new IllegalArgumentException("part " + p + " ('" + parts.get(p) + "') produced no token of its own; "
                        + "it merged into its neighbour's tokens");
            }
            last[p] = t;
            previous = t;
        }
        return last;
    }
}
