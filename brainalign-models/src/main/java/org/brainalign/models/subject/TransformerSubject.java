package org.brainalign.models.subject;

import java.util.Optional;
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
    private Pooling pooling = Pooling.LAST;

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
        cannotPerform(task).ifPresent(why -> {
            throw new UnsupportedOperationException(why);
        });
        tasks.add(task);
    }

    @Override
    public Optional<String> cannotPerform(Task task) {
        return model.network().isCausalLm() ? Optional.empty()
                : Optional.of(model.id() + " is a " + model.network().config().family().modelType()
                        + " encoder without a causal language-model head, so it has no " + task.inWords());
    }

    @Override
    public void startNeuralRecording(Region region, Modality modality) {
        if (layers.isEmpty()) {
            throw new IllegalStateException(model.id() + ": no layers were chosen to record");
        }
        recording = true;
    }

    /**
     * How a part's tokens become its row: its last token's hidden state (BSL's and the default) or
     * the mean over its tokens (Tuckute et al. 2024's {@code mean-tok}); special tokens never count.
     * Mean pooling needs each part's tokens inside one context window.
     */
    public TransformerSubject pooling(Pooling pooling) {
        this.pooling = Objects.requireNonNull(pooling, "pooling");
        return this;
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
        return digestTexts(List.of(parts), progress).getFirst();
    }

    /**
     * Runs the calls' forward passes together: every context window of a causal call and every
     * prefix of a bidirectional one is an independent sequence, so sequences of all calls are sorted
     * by length and run as right-padded batches (bidirectional encoders mask the padding; causal
     * models need no mask, as no real token attends to a later position). A part's outputs equal
     * those of its call run alone, up to the summation order of batched matrix products.
     */
    @Override
    public List<SubjectOutput> digestTexts(List<List<String>> calls, PartsDone progress) {
        if (calls.isEmpty()) {
            return List.of();
        }
        TransformerModel net = model.network();
        int[] layerIdx = layerIndices();
        boolean readingTimes = tasks.contains(Task.READING_TIMES);
        boolean nextWord = tasks.contains(Task.NEXT_WORD);
        boolean causal = net.isCausalLm();
        List<CallState> states = new ArrayList<>();
        List<Sequence> sequences = new ArrayList<>();
        long total = 0;
        for (int c = 0; c < calls.size(); c++) {
            CallState call = new CallState(calls.get(c), layerIdx.length);
            states.add(call);
            total += call.parts.size();
            if (causal) {
                planCausal(call, sequences);
            } else if (layerIdx.length > 0) {
                planBidirectional(call, sequences);
            }
        }
        ForwardRequest request = new ForwardRequest(asBitSet(layerIdx), causal && (readingTimes || nextWord));
        // Stable sort: sequences of equal length keep call order, so a batch holds neighbours.
        sequences.sort(java.util.Comparator.comparingInt(q -> q.ids.length));
        int budget = batchTokens(request);
        long done = 0;
        for (int i = 0; i < sequences.size(); ) {
            int j = i + 1;
            while (j < sequences.size() && j - i < MAX_BATCH && (long) (j - i + 1) * sequences.get(j).ids.length <= budget) {
                j++;
            }
            List<Sequence> batch = sequences.subList(i, j);
            run(batch, layerIdx, request, readingTimes, nextWord);
            for (Sequence q : batch) {
                done += q.owned;
            }
            progress.update(done, total);
            i = j;
        }
        if (sequences.isEmpty()) {
            progress.update(total, total); // nothing to run (an encoder asked for no layers)
        }
        List<SubjectOutput> out = new ArrayList<>();
        for (CallState call : states) {
            out.add(finish(call, causal, readingTimes, nextWord));
        }
        return out;
    }

    /** The most sequences in one batch. */
    static final int MAX_BATCH = 64;

    /**
     * Tokens per batch, padding included. Measured on AMD EPYC (2 vCPUs, `bench extract --stimuli`,
     * gpt2): 1,024 keeps short sentences fast (64 of 14 tokens: 688 tokens/s, against 517 at 256) and
     * passages too (16 of 61 tokens: 616–657, against 304 at 4,096, where a layer's activations no
     * longer stay in cache).
     */
    static final int MAX_BATCH_TOKENS = 1024;

    /** Bytes one batch's kept layers (or logits) may take, which bounds its tokens. */
    private static final long BATCH_BYTES = 256L << 20;

    private int batchTokensOverride = -1;

    /**
     * Caps a batch at {@code tokens} tokens (padding included); 1 runs every sequence alone, as an
     * unbatched reference. By default the cap keeps a batch's kept layers and logits within 256 MiB
     * and at most {@value #MAX_BATCH_TOKENS} tokens.
     */
    public TransformerSubject batchTokens(int tokens) {
        if (tokens < 1) {
            throw new IllegalArgumentException("batch tokens must be ≥ 1, got " + tokens);
        }
        batchTokensOverride = tokens;
        return this;
    }

    private int batchTokens(ForwardRequest request) {
        if (batchTokensOverride > 0) {
            return batchTokensOverride;
        }
        var config = model.network().config();
        long perToken = 4L * config.hiddenSize() * Math.max(1, request.layers().cardinality());
        if (request.logits()) {
            perToken = Math.max(perToken, 4L * config.vocabSize());
        }
        return (int) Math.max(1, Math.min(MAX_BATCH_TOKENS, BATCH_BYTES / perToken));
    }

    /** One call's parts, tokens and accumulating outputs. */
    private final class CallState {
        final List<String> parts;
        final Result result;
        TokenizedText enc;
        int[] last;
        double[] surprisal;
        long[] argmax;

        CallState(List<String> parts, int layers) {
            if (parts == null || parts.isEmpty()) {
                throw new IllegalArgumentException("digestText needs at least one part; the text is empty");
            }
            for (int i = 0; i < parts.size(); i++) {
                String part = parts.get(i);
                if (part == null || part.isBlank()) {
                    throw new IllegalArgumentException("part " + i + " of " + parts.size() + " is empty; every part must contain text");
                }
            }
            this.parts = List.copyOf(parts);
            this.result = new Result(layers, parts.size());
        }
    }

    /**
     * One forward sequence: its token ids, the call it serves, and what it yields: the rows of parts
     * {@code firstPart … firstPart + owned − 1} (for a causal window [from, newEnd), the parts whose last
     * token is new in it, [end, newEnd), and those tokens' surprisals; for a bidirectional prefix, one
     * part, at {@code row}).
     */
    private record Sequence(CallState call, long[] ids, int from, int end, int newEnd, int firstPart, int owned, int row,
            int firstRow) {}

    private void planCausal(CallState call, List<Sequence> out) {
        TransformerModel net = model.network();
        StringBuilder joined = new StringBuilder();
        int[] starts = new int[call.parts.size()];
        int[] ends = new int[call.parts.size()];
        for (int i = 0; i < call.parts.size(); i++) {
            if (i > 0) {
                joined.append(' ');
            }
            starts[i] = joined.length();
            joined.append(call.parts.get(i));
            ends[i] = joined.length();
        }
        call.enc = model.tokenizer().encode(joined.toString());
        int n = call.enc.size();
        call.last = lastTokens(call.enc, call.parts, starts, ends);
        call.surprisal = new double[n];
        Arrays.fill(call.surprisal, Double.NaN);
        call.argmax = new long[n];
        int w = window.length(net.maxTokens());
        int stride = window.strideFor(net.maxTokens());
        long[] ids = call.enc.ids();
        int end = 0;
        int owned = 0;
        while (end < n) {
            int newEnd = end == 0 ? Math.min(n, w) : Math.min(n, end + stride);
            int from = Math.max(0, newEnd - w);
            int completes = 0;
            while (owned + completes < call.parts.size() && call.last[owned + completes] < newEnd) {
                completes++;
            }
            out.add(new Sequence(call, Arrays.copyOfRange(ids, from, newEnd), from, end, newEnd, owned, completes, -1, -1));
            owned += completes;
            end = newEnd;
        }
    }

    private void planBidirectional(CallState call, List<Sequence> out) {
        int w = window.length(model.network().maxTokens());
        StringBuilder prefix = new StringBuilder();
        for (int p = 0; p < call.parts.size(); p++) {
            if (p > 0) {
                prefix.append(' ');
            }
            int start = prefix.length();
            prefix.append(call.parts.get(p));
            TokenizedText enc = model.tokenizer().encode(prefix.toString());
            int lastToken = lastTokens(enc, List.of(call.parts.get(p)), new int[] {start}, new int[] {prefix.length()})[0];
            long[] ids = leftTruncate(enc, w);
            int dropped = enc.size() - ids.length;
            int firstToken = lastToken;
            while (firstToken > 0 && (enc.isSpecial(firstToken - 1) || enc.starts()[firstToken - 1] >= start)) {
                firstToken--;
            }
            while (enc.isSpecial(firstToken)) {
                firstToken++;
            }
            // truncation drops ordinary tokens after the leading specials, all of them before lastToken
            out.add(new Sequence(call, ids, 0, 0, ids.length, p, 1, lastToken - dropped, firstToken - dropped));
        }
    }

    /** One padded batch through the network; each sequence's rows, surprisals and argmaxes go to its call. */
    private void run(List<Sequence> batch, int[] layerIdx, ForwardRequest request, boolean readingTimes, boolean nextWord) {
        TransformerModel net = model.network();
        int b = batch.size();
        int t = batch.getLast().ids.length;
        long[][] ids = new long[b][t];
        int[] lengths = new int[b];
        for (int r = 0; r < b; r++) {
            long[] row = batch.get(r).ids;
            Arrays.fill(ids[r], net.paddingId());
            System.arraycopy(row, 0, ids[r], 0, row.length);
            lengths[r] = row.length;
        }
        try (NDManager scope = manager.newSubManager()) {
            ForwardOutput out = net.forward(scope, ids, lengths, request);
            for (int l = 0; l < layerIdx.length; l++) {
                NDArray states = out.layer(layerIdx[l]);                      // [B, T, C]
                int units = (int) states.getShape().get(2);
                float[] values = states.toFloatArray();
                for (int r = 0; r < b; r++) {
                    Sequence q = batch.get(r);
                    for (int p = q.firstPart; p < q.firstPart + q.owned; p++) {
                        int row = q.row >= 0 ? q.row : q.call.last[p] - q.from;
                        if (pooling == Pooling.LAST) {
                            q.call.result.copyRow(l, values, r * t + row, units, p, q.call.parts.size());
                        } else {
                            q.call.result.meanRow(l, values, r * t, meanRows(q, p), units, p, q.call.parts.size());
                        }
                    }
                }
            }
            for (int r = 0; r < b && request.logits(); r++) {
                Sequence q = batch.get(r);
                long[] callIds = q.call.enc.ids();
                if (readingTimes) {
                    int firstTarget = Math.max(q.end, q.from + 1);
                    if (firstTarget < q.newEnd) {
                        // log p(ids[j] | ids[from..j-1]) from the logits at position j-1, for the window's new tokens
                        NDArray logits = out.logits().get(new NDIndex("{}, {}:{}, :", r, firstTarget - 1 - q.from, q.newEnd - 1 - q.from));
                        long[] targets = Arrays.copyOfRange(callIds, firstTarget, q.newEnd);
                        float[] lp = logits.logSoftmax(-1).gather(scope.create(targets, new Shape(targets.length, 1)), 1)
                                .toFloatArray();                                                             // [m, 1]
                        for (int k = 0; k < lp.length; k++) {
                            q.call.surprisal[firstTarget + k] = -lp[k] / LN2;
                        }
                    }
                }
                if (nextWord) {
                    long[] best = out.logits().get(new NDIndex("{}, :{}", r, q.newEnd - q.from)).argMax(-1).toLongArray();  // [T]
                    for (int j = q.end; j < q.newEnd; j++) {
                        q.call.argmax[j] = best[j - q.from];
                    }
                }
            }
        }
    }

    /** The rows (within the sequence) of part {@code p}'s non-special tokens, for mean pooling. */
    private static int[] meanRows(Sequence q, int p) {
        if (q.row >= 0) {
            // a bidirectional prefix: the part's tokens, from its first to its last, none of them special
            return java.util.stream.IntStream.rangeClosed(q.firstRow, q.row).toArray();
        }
        TokenizedText enc = q.call.enc;
        int first = p == 0 ? 0 : q.call.last[p - 1] + 1;
        int last = q.call.last[p];
        if (first < q.from) {
            throw new IllegalArgumentException("mean pooling needs each part inside one context window; part " + p + " ('"
                    + q.call.parts.get(p) + "') starts at token " + first + " but its window starts at " + q.from);
        }
        return java.util.stream.IntStream.rangeClosed(first, last).filter(j -> !enc.isSpecial(j)).map(j -> j - q.from).toArray();
    }

    private SubjectOutput finish(CallState call, boolean causal, boolean readingTimes, boolean nextWord) {
        List<String> parts = call.parts;
        Result result = call.result;
        for (int p = 0; causal && p < parts.size(); p++) {
            if (readingTimes) {
                int first = p == 0 ? 0 : call.last[p - 1] + 1;
                double sum = 0;
                boolean any = false;
                for (int j = first; j <= call.last[p]; j++) {
                    if (!call.enc.isSpecial(j) && !Double.isNaN(call.surprisal[j])) {
                        sum += call.surprisal[j];
                        any = true;
                    }
                }
                result.readingTimes[p] = any ? sum : Double.NaN;
            }
            if (nextWord) {
                result.nextWords[p] = model.tokenizer().decode(new long[] {call.argmax[call.last[p]]}).strip();
            }
        }
        List<LayerActivations> activations = new ArrayList<>();
        if (recording) {
            for (int l = 0; l < layers.size(); l++) {
                activations.add(new LayerActivations(layers.get(l), parts.size(), result.units[l], result.rows[l]));
            }
        }
        double[] rt = readingTimes ? result.readingTimes : new double[0];
        List<String> words = nextWord ? Arrays.asList(result.nextWords) : List.of();
        return new SubjectOutput(parts, activations, rt, words);
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

        /** The mean of rows {@code base + r} ({@code r} in {@code sourceRows}) of {@code source}, as part {@code part}'s row. */
        void meanRow(int layer, float[] source, int base, int[] sourceRows, int units, int part, int parts) {
            if (rows[layer] == null) {
                rows[layer] = new float[parts * units];
                this.units[layer] = units;
            }
            double[] sum = new double[units];
            for (int r : sourceRows) {
                for (int u = 0, o = (base + r) * units; u < units; u++) {
                    sum[u] += source[o + u];
                }
            }
            for (int u = 0; u < units; u++) {
                rows[layer][part * units + u] = (float) (sum[u] / sourceRows.length);
            }
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
