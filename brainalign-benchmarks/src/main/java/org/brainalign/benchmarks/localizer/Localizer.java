package org.brainalign.benchmarks.localizer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.brainalign.benchmarks.RunOptions;
import org.brainalign.core.stats.WelchTest;
import org.brainalign.core.subject.LayerActivations;
import org.brainalign.core.subject.Modality;
import org.brainalign.core.subject.Region;
import org.brainalign.core.subject.Subject;
import org.brainalign.core.subject.SubjectOutput;

/**
 * The functional localizer of SUMA and BSL: present every localizer stimulus alone, take each
 * recorded layer's representation of it (its last token), compute per unit Welch's t of sentences
 * against non-word strings ({@code scipy.stats.ttest_ind(equal_var=False)}), and keep the global
 * top-k units across layers ({@link LanguageMask#select}). Unlike BSL, stimuli are not truncated to
 * 12 tokens: the whole 12-word string is read.
 */
public final class Localizer {
    private Localizer() {}

    /** Runs the localizer on a subject whose recorded layers are the candidates. */
    public static LanguageMask localize(Subject subject, LocalizerStimuli stimuli, TopK topK, String key,
            RunOptions.Progress progress) {
        subject.startNeuralRecording(Region.LANGUAGE_SYSTEM, Modality.FMRI);
        Map<String, List<float[]>> sentences = record(subject, stimuli.sentences(), progress, 0,
                stimuli.sentences().size() + stimuli.nonwords().size());
        Map<String, List<float[]>> nonwords = record(subject, stimuli.nonwords(), progress, stimuli.sentences().size(),
                stimuli.sentences().size() + stimuli.nonwords().size());
        List<String> names = new ArrayList<>(sentences.keySet());
        List<double[]> t = new ArrayList<>();
        for (String name : names) {
            t.add(welchT(sentences.get(name), nonwords.get(name)));
        }
        return LanguageMask.select(key, names, t, topK);
    }

    private static Map<String, List<float[]>> record(Subject subject, List<String> texts, RunOptions.Progress progress,
            int doneBefore, int total) {
        Map<String, List<float[]>> out = new LinkedHashMap<>();
        // Each stimulus alone, all of them handed over at once so that the subject can batch them.
        List<SubjectOutput> outputs = subject.digestTexts(texts.stream().map(List::of).toList(),
                (done, all) -> progress.update("localizer", doneBefore + done, total));
        for (SubjectOutput o : outputs) {
            if (o.layers().isEmpty()) {
                throw new IllegalStateException(subject.id() + " recorded no layers; the localizer needs layer activations");
            }
            for (LayerActivations l : o.layers()) {
                out.computeIfAbsent(l.layer(), k -> new ArrayList<>()).add(l.row(0));
            }
        }
        return out;
    }

    /** Welch's t per unit of a (rows × units) against b; NaN where both groups are constant. */
    public static double[] welchT(List<float[]> a, List<float[]> b) {
        return WelchTest.of(toDouble(a), toDouble(b)).t();
    }

    private static double[][] toDouble(List<float[]> rows) {
        double[][] out = new double[rows.size()][];
        for (int i = 0; i < out.length; i++) {
            float[] r = rows.get(i);
            out[i] = new double[r.length];
            for (int u = 0; u < r.length; u++) {
                out[i][u] = r[u];
            }
        }
        return out;
    }
}
