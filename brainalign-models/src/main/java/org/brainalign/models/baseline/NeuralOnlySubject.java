package org.brainalign.models.baseline;

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

    @Override
    default void startBehavioralTask(Task task) {
        throw new UnsupportedOperationException(id() + " has no language-model head; it cannot perform " + task);
    }

    @Override
    default void startNeuralRecording(Region region, Modality modality) {
        // Representations are always recorded.
    }
}
