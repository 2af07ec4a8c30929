package org.brainalign.benchmarks.neural;

import java.util.Map;
import org.brainalign.core.assembly.Assembly;

/**
 * A loaded neural data set ready for a benchmark: the target assembly (after the benchmark's
 * selection and NaN dropping), the checksums of the files it came from, and whether it is a
 * simulated assembly (then published ceilings do not apply and ceilings are recomputed).
 */
public record NeuralData(Assembly target, Map<String, String> checksums, boolean simulated) {
    public NeuralData {
        checksums = Map.copyOf(checksums);
    }
}
