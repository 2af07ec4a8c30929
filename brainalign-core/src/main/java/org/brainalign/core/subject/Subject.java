package org.brainalign.core.subject;

import java.util.Optional;
import java.util.List;

/**
 * An artificial subject that benchmarks present text to, as in Brain-Score Language's
 * {@code ArtificialSubject}: a benchmark first says what it measures (a behavioural task, a neural
 * recording, or both) and then feeds text with {@link #digestText(List)}.
 *
 * <p>Context contract: a part's representation is computed with all earlier parts of the
 * <em>same call</em> as left context, the parts joined by single spaces; nothing is carried over
 * between calls. Benchmarks therefore define the context by how they group parts into calls
 * (one call per passage, per story, per sentence, or over a whole corpus).
 */
public interface Subject {

    /** A stable identifier of this subject (model id, preset, baseline name). */
    String id();

    /** Asks the subject to also report {@code task}'s behaviour on later {@link #digestText} calls. */
    void startBehavioralTask(Task task);

    /**
     * Why this subject cannot perform {@code task}, in words a user reads ("glove:x is a word-vector
     * model without a language-model head: it has no next-word probabilities"), or empty when it can.
     * {@link #startBehavioralTask} refuses with the same reason.
     */
    default Optional<String> cannotPerform(Task task) {
        return Optional.empty();
    }

    /** Why this subject has no layer activations to record, in words, or empty when it has them. */
    default Optional<String> cannotRecord() {
        return Optional.empty();
    }

    /**
     * Asks the subject to also report activations of the layers it commits to {@code region}
     * (or the layers chosen explicitly on the implementation) on later {@link #digestText} calls.
     */
    void startNeuralRecording(Region region, Modality modality);

    /**
     * Presents {@code parts} in order, each with the earlier parts of this call as context.
     *
     * @param parts words, sentences or fragments; none may be blank
     * @return one row per part for every requested layer, plus the behaviour asked for
     * @throws IllegalArgumentException if {@code parts} is empty or a part is blank
     */
    SubjectOutput digestText(List<String> parts);

    /** Hears how far one {@link #digestText(List, PartsDone)} call has got. */
    @FunctionalInterface
    interface PartsDone {
        /** {@code done} of the call's {@code total} parts have their output complete. */
        void update(long done, long total);

        PartsDone NONE = (done, total) -> {};
    }

    /**
     * {@link #digestText(List)}, reporting progress part by part where the subject can (a long text
     * in one call, such as a whole corpus for reading times, otherwise shows nothing for minutes).
     * The default reports once, at the end.
     */
    default SubjectOutput digestText(List<String> parts, PartsDone progress) {
        SubjectOutput out = digestText(parts);
        progress.update(parts.size(), parts.size());
        return out;
    }

    /**
     * Several independent calls — no context is shared between them, exactly as if each were one
     * {@link #digestText(List)} call — which a subject may compute together (a transformer runs them
     * as padded batches). Progress counts parts over all calls. The default runs them one by one.
     */
    default List<SubjectOutput> digestTexts(List<List<String>> calls, PartsDone progress) {
        long total = calls.stream().mapToLong(List::size).sum();
        long done = 0;
        List<SubjectOutput> out = new java.util.ArrayList<>();
        for (List<String> call : calls) {
            long before = done;
            out.add(digestText(call, (d, t) -> progress.update(before + d, total)));
            done += call.size();
        }
        return out;
    }
}
