package org.brainalign.models.untrained;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link BoxMuller}'s vectorised log and sine/cosine against {@code StrictMath} (fdlibm, the
 * definition of the untrained weights): within 2^−48 relative for the radius, and for the pair every
 * value it calls decided is the float {@code StrictMath} gives, on random inputs and on the edges of
 * each reduction (u = 1 and the smallest uniform, the mantissa wrap-around at √½, angles next to
 * every multiple of π/2).
 */
class BoxMullerTest {

    private static List<Double> edgeUniforms() {
        List<Double> u = new ArrayList<>();
        for (double x : new double[] {1.0, 0x1p-53, 1 - 0x1p-53, 0.5, 0.25, 0.75, Math.sqrt(0.5), Math.sqrt(0.5) / 2,
                Double.longBitsToDouble(0x3fe6a09e667f3bcdL), 0.1, 1e-9, 0.999999}) {
            u.add(x);
            u.add(Math.nextUp(x) <= 1 ? Math.nextUp(x) : x);
            u.add(Math.nextDown(x) > 0 ? Math.nextDown(x) : x);
        }
        return u;
    }

    @Test
    void radiusIsWithin2toMinus48OfStrictMath() {
        SplittableRandom random = new SplittableRandom(11);
        List<Double> inputs = edgeUniforms();
        for (int i = 0; i < 1_000_000; i++) {
            inputs.add(1.0 - random.nextDouble());
        }
        for (int e = 1; e <= 53; e++) { // every binade a uniform can fall in
            inputs.add(Math.scalb(1.0 + random.nextDouble(), -e));
        }
        int n = inputs.size();
        double[] u = inputs.stream().mapToDouble(Double::doubleValue).toArray();
        double[] out = new double[n];
        new BoxMuller(n).radius(u, n, 1.0, out);
        double worst = 0;
        for (int i = 0; i < n; i++) {
            double strict = StrictMath.sqrt(-2.0 * StrictMath.log(u[i]));
            if (strict == 0) {
                assertThat(Double.doubleToRawLongBits(out[i])).as("u = %s", u[i]).isEqualTo(Double.doubleToRawLongBits(strict));
            } else {
                worst = Math.max(worst, Math.abs(out[i] - strict) / strict);
            }
        }
        assertThat(worst).as("largest relative difference from StrictMath").isLessThan(0x1p-48);
    }

    @Test
    void decidedValuesAreStrictMathsFloats() {
        SplittableRandom random = new SplittableRandom(12);
        List<Double> angles = new ArrayList<>();
        for (double quarter : new double[] {0, 0.125, 0.25, 0.375, 0.5, 0.625, 0.75, 0.875, 1 - 0x1p-53}) {
            double x = quarter;
            for (int step = 0; step < 64; step++) {
                angles.add(x);
                x = Math.nextUp(x);
            }
            x = quarter;
            for (int step = 0; step < 64 && x > 0; step++) {
                x = Math.nextDown(x);
                angles.add(x);
            }
        }
        int count = 2_000_000;
        for (int i = 0; i < count; i++) {
            angles.add(random.nextDouble());
        }
        int n = angles.size();
        double[] u2 = angles.stream().mapToDouble(Double::doubleValue).toArray();
        double[] radius = new double[n];
        for (int i = 0; i < n; i++) { // radii spread over the float range the weights use
            radius[i] = Math.scalb(1.0 + random.nextDouble(), -random.nextInt(12));
        }
        float[] first = new float[n];
        float[] second = new float[n];
        float[] widthFirst = new float[n];
        float[] widthSecond = new float[n];
        new BoxMuller(n).normals(radius, u2, n, first, second, widthFirst, widthSecond);
        int undecided = 0;
        for (int i = 0; i < n; i++) {
            double angle = 2 * Math.PI * u2[i];
            float cos = (float) (radius[i] * StrictMath.cos(angle));
            float sin = (float) (radius[i] * StrictMath.sin(angle));
            if (widthFirst[i] == 0) {
                assertThat(Float.floatToRawIntBits(first[i])).as("cos, u2 = %s", u2[i]).isEqualTo(Float.floatToRawIntBits(cos));
            } else {
                undecided++;
            }
            if (widthSecond[i] == 0) {
                assertThat(Float.floatToRawIntBits(second[i])).as("sin, u2 = %s", u2[i]).isEqualTo(Float.floatToRawIntBits(sin));
            } else {
                undecided++;
            }
        }
        // A value is undecided when a float rounding boundary lies within 2^-44 relative of it: about
        // 2 · 2^-44 / 2^-24 = 2^-19 of random values.
        assertThat(undecided).isLessThan(n / 50_000);
    }

    @Test
    void aValueOnAFloatRoundingBoundaryIsUndecided() {
        double midpoint = 1.0 + Math.ulp(1f) / 2.0; // exactly between two floats
        double[] radius = {midpoint, Math.nextUp(midpoint), 1.0 + Math.ulp(1f) / 4.0, 0.25};
        double[] u2 = {0, 0, 0, 0}; // angle 0: cos = 1 and sin = +0 exactly
        float[] first = new float[4];
        float[] second = new float[4];
        float[] widthFirst = new float[4];
        float[] widthSecond = new float[4];
        new BoxMuller(4).normals(radius, u2, 4, first, second, widthFirst, widthSecond);
        assertThat(widthFirst[0]).isNotZero();
        assertThat(widthFirst[1]).isNotZero();
        assertThat(widthFirst[2]).isZero();
        assertThat(first[2]).isEqualTo(1f);
        assertThat(first[3]).isEqualTo(0.25f);
        assertThat(widthSecond).containsOnly(0f);
        for (float s : second) {
            assertThat(Float.floatToRawIntBits(s)).isZero(); // +0, as StrictMath.sin(0) gives
        }
    }
}
