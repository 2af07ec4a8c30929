package org.brainalign.benchmarks.neural;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.brainalign.benchmarks.RunOptions;
import org.brainalign.core.linalg.DMatrix;
import org.brainalign.core.subject.LayerActivations;
import org.brainalign.core.subject.Subject;
import org.brainalign.core.subject.SubjectOutput;

/**
 * Runs a subject through a {@link StimulusPlan} and assembles, per recorded layer, the
 * presentation × unit feature matrix whose row i is the subject's representation of presentation i.
 */
public final class FeatureExtractor {
    private FeatureExtractor() {}

    /** Layer name → features (rows aligned with the target's presentations), in recording order. */
    public static Map<String, DMatrix> extract(Subject subject, List<StimulusPlan.Call> calls, int presentations,
            RunOptions.Progress progress) {
        Map<String, DMatrix> out = new LinkedHashMap<>();
        boolean[] filled = new boolean[presentations];
        // All calls go to the subject at once (independent stimuli run as batches); progress counts
        // stimuli (words, sentences), so that one long call (a story) moves too.
        List<SubjectOutput> outputs = subject.digestTexts(calls.stream().map(StimulusPlan.Call::parts).toList(),
                (done, total) -> progress.update("features", done, total));
        if (outputs.size() != calls.size()) {
            throw new IllegalStateException("subject " + subject.id() + " answered " + outputs.size() + " of " + calls.size() + " calls");
        }
        for (int c = 0; c < calls.size(); c++) {
            StimulusPlan.Call call = calls.get(c);
            SubjectOutput o = outputs.get(c);
            if (o.layers().isEmpty()) {
                throw new IllegalStateException("subject " + subject.id() + " returned no layer activations; "
                        + "was a neural recording started and were layers chosen?");
            }
            for (LayerActivations l : o.layers()) {
                if (l.parts() != call.parts().size()) {
                    throw new IllegalStateException("subject " + subject.id() + " returned " + l.parts() + " rows for "
                            + call.parts().size() + " parts in layer " + l.layer());
                }
                DMatrix m = out.computeIfAbsent(l.layer(), k -> DMatrix.zeros(presentations, l.units()));
                if (m.cols() != l.units()) {
                    throw new IllegalStateException("layer " + l.layer() + " changed width from " + m.cols() + " to " + l.units());
                }
                float[] v = l.values();
                for (int p = 0; p < call.presentations().length; p++) {
                    int row = call.presentations()[p];
                    for (int u = 0; u < l.units(); u++) {
                        m.set(row, u, v[p * l.units() + u]);
                    }
                }
            }
            for (int row : call.presentations()) {
                filled[row] = true;
            }
        }
        for (int i = 0; i < presentations; i++) {
            if (!filled[i]) {
                throw new IllegalStateException("presentation " + i + " was not part of any call");
            }
        }
        return out;
    }
}
