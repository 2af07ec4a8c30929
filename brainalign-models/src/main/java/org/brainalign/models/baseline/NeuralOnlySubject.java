package org.brainalign.models.baseline;

import java.util.Optional;
import org.brainalign.core.subject.Modality;
import org.brainalign.core.subject.Region;
import org.brainalign.core.subject.Subject;
import org.brainalign.core.subject.Task;

/**
 * A subject that only yields representations — the baselines (random embedding, OASM, SUMA) have no
 * language-model head: any behavioural task is refused with the reason, and a neural recording needs
 * no set-up.
 */
public interface NeuralOnlySubject extends Subject {

    /** What kind of baseline this is, for messages: "a GloVe word-vector model". */
    String kind();

    @Override
    default void startBehavioralTask(Task task) {
        throw new UnsupportedOperationException(cannotPerform(task).orElseThrow());
    }

    @Override
    default Optional<String> cannotPerform(Task task) {
        return Optional.of(id() + " is " + kind() + " without a language-model head, so it has no " + task.inWords());
    }

    @Override
    default void startNeuralRecording(Region region, Modality modality) {
        // Representations are always recorded.
    }
}
