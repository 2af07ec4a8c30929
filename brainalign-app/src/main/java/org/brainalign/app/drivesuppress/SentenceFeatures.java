package org.brainalign.app.drivesuppress;

import java.util.ArrayList;
import java.util.List;
import org.brainalign.benchmarks.drivesuppress.Readout;
import org.brainalign.core.linalg.DMatrix;
import org.brainalign.core.subject.Modality;
import org.brainalign.core.subject.Region;
import org.brainalign.core.subject.Subject;
import org.brainalign.core.subject.SubjectOutput;
import org.brainalign.models.registry.OpenedModel;
import org.brainalign.models.subject.Pooling;
import org.brainalign.models.subject.TransformerSubject;

/**
 * Sentence features as the drive/suppress study takes them: every sentence presented alone (one
 * call, one part, no context), its row the last token's hidden state or the mean over its tokens,
 * for the chosen layers. The sentences of one request run together, as padded batches of similar
 * length where the model is a transformer.
 */
public final class SentenceFeatures {
    private SentenceFeatures() {}

    /** A subject of {@code model} recording {@code layers}, pooled as asked (mean pooling needs a transformer). */
    public static Subject subject(OpenedModel model, List<String> layers, Pooling pooling) {
        Subject subject = model.variantsFor(layers).getFirst().get();
        if (subject instanceof TransformerSubject t) {
            t.pooling(pooling);
        } else if (pooling != Pooling.LAST) {
            throw new IllegalArgumentException("--pool " + pooling.label() + " needs a transformer; " + model.id()
                    + " gives one representation per sentence");
        }
        subject.startNeuralRecording(Region.LANGUAGE_SYSTEM, Modality.FMRI);
        return subject;
    }

    /** Each sentence alone; one {@code sentences × units} matrix per recorded layer, in the subject's layer order. */
    public static List<DMatrix> extract(Subject subject, List<String> sentences, Subject.PartsDone progress) {
        List<SubjectOutput> outputs = subject.digestTexts(sentences.stream().map(List::of).toList(), progress);
        List<DMatrix> out = new ArrayList<>();
        int layers = outputs.getFirst().layers().size();
        for (int l = 0; l < layers; l++) {
            int units = outputs.getFirst().layers().get(l).units();
            DMatrix m = DMatrix.zeros(sentences.size(), units);
            for (int i = 0; i < sentences.size(); i++) {
                float[] row = outputs.get(i).layers().get(l).values();
                for (int u = 0; u < units; u++) {
                    m.set(i, u, row[u]);
                }
            }
            out.add(m);
        }
        return out;
    }

    /** Target {@code k}'s predicted response to each sentence (alone), from a subject recording one layer. */
    public static double[] predict(Subject subject, Readout readout, int k, List<String> sentences) {
        List<SubjectOutput> outputs = subject.digestTexts(sentences.stream().map(List::of).toList(), Subject.PartsDone.NONE);
        double[] out = new double[sentences.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = readout.predict(outputs.get(i).layers().getFirst().values(), 0, k);
        }
        return out;
    }
}
