package org.brainalign.core.ceiling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import org.brainalign.core.ReferenceVectors;
import org.junit.jupiter.api.Test;

class SaturationFitTest {

    @Test
    void matchesScipyBoundedCurveFit() {
        int cases = 0;
        for (JsonElement e : ReferenceVectors.root().getAsJsonArray("curve_fit_v0_tau0_bounded")) {
            JsonObject c = e.getAsJsonObject();
            SaturationFit.Params p = SaturationFit.fit(ReferenceVectors.doubles(c.get("x")), ReferenceVectors.doubles(c.get("y")));
            double v0 = c.get("v0").getAsDouble();
            double tau0 = c.get("tau0").getAsDouble();
            assertThat(p.v0()).isCloseTo(v0, within(1e-6 * v0));
            assertThat(p.tau0()).isCloseTo(tau0, within(1e-6 * tau0));
            cases++;
        }
        assertThat(cases).isEqualTo(3);
    }

    @Test
    void recoversAnExactCurveAndRespectsTheUpperBound() {
        double[] x = {2, 3, 4, 5, 6, 7, 8, 9, 10};
        double[] y = new double[x.length];
        double[] steep = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = SaturationFit.curve(x[i], 0.42, 3.3);
            steep[i] = SaturationFit.curve(x[i], 1.7, 2.0);
        }
        SaturationFit.Params p = SaturationFit.fit(x, y);
        assertThat(p.v0()).isCloseTo(0.42, within(1e-9));
        assertThat(p.tau0()).isCloseTo(3.3, within(1e-7));
        assertThat(SaturationFit.fit(x, steep).v0()).isEqualTo(1.0);
    }

    @Test
    void failedFitsAreNaNNotExceptions() {
        assertThat(SaturationFit.fit(new double[] {2}, new double[] {0.3}).failed()).isTrue();
        assertThat(SaturationFit.fit(new double[] {2, 3}, new double[] {0.3, Double.NaN}).failed()).isTrue();
    }
}
