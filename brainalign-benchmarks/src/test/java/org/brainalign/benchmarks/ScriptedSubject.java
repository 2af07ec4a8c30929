package org.brainalign.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.brainalign.core.subject.Modality;
import org.brainalign.core.subject.Region;
import org.brainalign.core.subject.Subject;
import org.brainalign.core.subject.SubjectOutput;
import org.brainalign.core.subject.Task;

/**
 * A behavioural test subject whose reading times and next words are given by functions of the call's
 * parts — for oracle and hand-set cases with known answers.
 */
public final class ScriptedSubject implements Subject {
    private final Function<List<String>, double[]> readingTimes;
    private final Function<List<String>, List<String>> nextWords;
    public final List<Task> tasks = new ArrayList<>();
    public int calls;

    public ScriptedSubject(Function<List<String>, double[]> readingTimes, Function<List<String>, List<String>> nextWords) {
        this.readingTimes = readingTimes;
        this.nextWords = nextWords;
    }

    @Override
    public String id() {
        return "scripted";
    }

    @Override
    public void startBehavioralTask(Task task) {
        tasks.add(task);
    }

    @Override
    public void startNeuralRecording(Region region, Modality modality) {
        throw new UnsupportedOperationException("behavioural test subject");
    }

    @Override
    public SubjectOutput digestText(List<String> parts) {
        calls++;
        double[] rt = tasks.contains(Task.READING_TIMES) ? readingTimes.apply(parts) : new double[0];
        List<String> nw = tasks.contains(Task.NEXT_WORD) ? nextWords.apply(parts) : List.of();
        return new SubjectOutput(parts, List.of(), rt, nw);
    }
}
