package org.brainalign.benchmarks.localizer;

import java.util.Optional;
import java.util.ArrayList;
import java.util.List;
import org.brainalign.core.subject.LayerActivations;
import org.brainalign.core.subject.Modality;
import org.brainalign.core.subject.Region;
import org.brainalign.core.subject.Subject;
import org.brainalign.core.subject.SubjectOutput;
import org.brainalign.core.subject.Task;

/**
 * A subject seen through a {@link LanguageMask}: its neural recordings keep only the selected units
 * of each layer (layers with none are left out), so benchmarks regress on the language-selective
 * units alone, layer by layer. Behavioural tasks pass through unchanged.
 */
public final class LocalizedSubject implements Subject {
    private final Subject inner;
    private final LanguageMask mask;

    public LocalizedSubject(Subject inner, LanguageMask mask) {
        this.inner = inner;
        this.mask = mask;
    }

    @Override
    public String id() {
        return inner.id() + "+localized(" + mask.selectedCount() + " units)";
    }

    @Override
    public void startBehavioralTask(Task task) {
        inner.startBehavioralTask(task);
    }

    @Override
    public Optional<String> cannotPerform(Task task) {
        return inner.cannotPerform(task);
    }

    @Override
    public Optional<String> cannotRecord() {
        return inner.cannotRecord();
    }

    @Override
    public void startNeuralRecording(Region region, Modality modality) {
        inner.startNeuralRecording(region, modality);
    }

    @Override
    public SubjectOutput digestText(List<String> parts) {
        return digestText(parts, PartsDone.NONE);
    }

    @Override
    public SubjectOutput digestText(List<String> parts, PartsDone progress) {
        return masked(inner.digestText(parts, progress));
    }

    @Override
    public List<SubjectOutput> digestTexts(List<List<String>> calls, PartsDone progress) {
        return inner.digestTexts(calls, progress).stream().map(this::masked).toList();
    }

    private SubjectOutput masked(SubjectOutput o) {
        List<LayerActivations> kept = new ArrayList<>();
        for (LayerActivations l : o.layers()) {
            LanguageMask.Layer m = mask.layer(l.layer());
            if (m == null) {
                throw new IllegalStateException("the language mask has no layer '" + l.layer() + "'; it was localized on "
                        + mask.layers().stream().map(LanguageMask.Layer::name).toList());
            }
            if (m.t().length != l.units()) {
                throw new IllegalStateException("layer " + l.layer() + " has " + l.units() + " units but the mask has "
                        + m.t().length);
            }
            int[] units = m.selectedUnits();
            if (units.length == 0) {
                continue;
            }
            float[] v = new float[l.parts() * units.length];
            for (int p = 0; p < l.parts(); p++) {
                for (int k = 0; k < units.length; k++) {
                    v[p * units.length + k] = l.values()[p * l.units() + units[k]];
                }
            }
            kept.add(new LayerActivations(l.layer(), l.parts(), units.length, v));
        }
        return new SubjectOutput(o.parts(), kept, o.readingTimes(), o.nextWords());
    }
}
