package org.brainalign.core.subject;

import java.util.Optional;
import java.util.Set;

/**
 * What a benchmark asks of a {@link Subject}: behavioural tasks, a neural recording of layer
 * activations, or both. Checked against a subject ({@link #refusal(Subject)}) before any text is
 * presented, so that a model × benchmark pair that cannot run is reported in words before work starts.
 *
 * @param tasks     the behavioural tasks the benchmark starts
 * @param recording whether it records layer activations
 */
public record Needs(Set<Task> tasks, boolean recording) {

    public Needs {
        tasks = Set.copyOf(tasks);
        if (tasks.isEmpty() && !recording) {
            throw new IllegalArgumentException("a benchmark needs a task or a recording");
        }
    }

    /** Layer activations only (every neural benchmark). */
    public static Needs activations() {
        return new Needs(Set.of(), true);
    }

    /** Behavioural tasks only. */
    public static Needs tasks(Task... tasks) {
        return new Needs(Set.of(tasks), false);
    }

    /** What a subject may be asked for, one part at a time, each named by its words ({@link #inWords()}). */
    public static final java.util.List<Needs> PARTS = java.util.List.of(activations(), tasks(Task.READING_TIMES), tasks(Task.NEXT_WORD));

    /** The parts ({@link #PARTS}) this needs, by their words: "layer activations" first, then the tasks. */
    public java.util.List<String> parts() {
        java.util.List<String> out = new java.util.ArrayList<>();
        if (recording) {
            out.add("layer activations");
        }
        tasks.stream().sorted().forEach(t -> out.add(t.inWords()));
        return out;
    }

    /** What is needed, in words: "layer activations", "surprisal (next-word probabilities)". */
    public String inWords() {
        return String.join(" and ", parts());
    }

    /** Why {@code subject} cannot meet these needs, in words, or empty when it can. */
    public Optional<String> refusal(Subject subject) {
        if (recording) {
            Optional<String> why = subject.cannotRecord();
            if (why.isPresent()) {
                return why;
            }
        }
        return tasks.stream().sorted().map(subject::cannotPerform).flatMap(Optional::stream).findFirst();
    }
}
