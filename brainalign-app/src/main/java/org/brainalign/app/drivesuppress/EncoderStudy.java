package org.brainalign.app.drivesuppress;

import java.util.ArrayList;
import java.util.List;
import org.brainalign.benchmarks.drivesuppress.BaselineSet;
import org.brainalign.benchmarks.drivesuppress.Readout;
import org.brainalign.benchmarks.drivesuppress.RidgeEncoding;
import org.brainalign.core.linalg.DMatrix;
import org.brainalign.core.linalg.LinAlg;
import org.brainalign.models.registry.OpenedModel;
import org.brainalign.models.subject.Pooling;

/**
 * Fitting the drive/suppress encoder: cross-validation per layer on the baseline sentences' features,
 * and the final readout on all of them, saved with everything needed to use and to trust it.
 */
public final class EncoderStudy {
    private EncoderStudy() {}

    /** One layer's cross-validated result. */
    public record LayerResult(String layer, RidgeEncoding.CrossValidation cv) {}

    /** Cross-validates every layer's features against the responses. */
    public static List<LayerResult> crossValidate(List<String> layers, List<DMatrix> features, DMatrix responses) {
        LinAlg la = LinAlg.get();
        List<LayerResult> out = new ArrayList<>();
        for (int l = 0; l < layers.size(); l++) {
            out.add(new LayerResult(layers.get(l), RidgeEncoding.crossValidate(la, features.get(l), responses)));
        }
        return out;
    }

    /** The readout fitted on all of {@code baseline} (features {@code x}), as a saved-encoder record. */
    public static Encoder fit(String modelRef, OpenedModel model, String layer, Pooling pooling, BaselineSet baseline, DMatrix x,
            RidgeEncoding.CrossValidation cv) {
        Readout readout = RidgeEncoding.fit(LinAlg.get(), x, baseline.responses());
        double[] predictions = readout.predict(x, 0);
        int t = baseline.targets().size();
        double[] lo = new double[t];
        double[] hi = new double[t];
        for (int k = 0; k < t; k++) {
            lo[k] = cv.interval()[k].lower();
            hi[k] = cv.interval()[k].upper();
        }
        return new Encoder(modelRef, model.id(), model.checkpoint(), layer, pooling.label(), baseline.targets(), readout,
                baseline.checksum(), baseline.size(), baseline.wordRange(), cv.r(), lo, hi, RidgeEncoding.meanSd(predictions),
                RidgeEncoding.meanSd(baseline.responses().column(0)), predictions);
    }

    /** Resolves {@code --layer}: a name, an index into {@code names}, or {@code all}. */
    public static List<String> layers(String spec, List<String> names) {
        if (spec.equals("all")) {
            return names;
        }
        if (names.contains(spec)) {
            return List.of(spec);
        }
        if (spec.matches("-?\\d+")) {
            int i = Integer.parseInt(spec);
            if (i < 0 || i >= names.size()) {
                throw new IllegalArgumentException("--layer " + spec + " is out of range: the model has " + names.size()
                        + " layers, 0 … " + (names.size() - 1));
            }
            return List.of(names.get(i));
        }
        throw new IllegalArgumentException("--layer '" + spec + "' is neither 'all', a layer index nor one of the model's layers "
                + (names.size() <= 16 ? names : names.subList(0, 8) + " … " + names.getLast()));
    }
}
