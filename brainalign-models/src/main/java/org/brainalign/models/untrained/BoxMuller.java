package org.brainalign.models.untrained;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * Box–Muller normals from uniforms, in branch-free loops that HotSpot's C2 compiler turns into SIMD
 * code: the natural log and the sine/cosine pair are evaluated here in double precision, to within a
 * few ulp, instead of by the {@code Math}/{@code StrictMath} calls that cannot be vectorised.
 *
 * <p>The untrained weights are <em>defined</em> by {@code StrictMath} (see {@link UntrainedWeights}); this
 * class only computes them faster. Its results differ from the {@code StrictMath} expression by less
 * than 2<sup>−48</sup> relative (log: series of atanh on [√½, √2) after an exact exponent split;
 * sin/cos: an exact three-part Cody–Waite reduction by π/2 and Taylor polynomials on |r| ≤ π/4, every
 * truncation below 2<sup>−55</sup>), so every value whose whole 2<sup>−44</sup>-relative neighbourhood
 * rounds to one float is that float in the definition too. {@link #normals} reports the others (about
 * one in 10<sup>6</sup>) through a non-zero {@code width}, and the caller recomputes them strictly.
 *
 * <p>Every method works on elements {@code [0, n)} of arrays that are all indexed alike (no shifted
 * aliases), the shape C2 needs to vectorise a loop. An instance holds one thread's scratch.
 */
final class BoxMuller {
    /** π/2 as P1 + P2 + P3: P1 and P2 carry 33 significant bits each, so k·P1 and k·P2 are exact for k < 2^20. */
    static final double P1;
    static final double P2;
    static final double P3;
    private static final double TWO_OVER_PI = 2 / Math.PI;
    private static final double LN2 = StrictMath.log(2); // fdlibm: the same double on every JVM
    /** The bits of √½ rounded to a double: subtracting them puts the mantissa's wrap-around at √½. */
    private static final long SQRT_HALF_BITS = 0x3fe6a09e667f3bcdL;
    private static final long MANTISSA = (1L << 52) - 1;
    /** 2^52 as bits; adding a small non-negative integer to these bits adds it to 2^52 exactly. */
    private static final long TWO52_BITS = 0x4330000000000000L;
    private static final double TWO52 = 0x1p52;
    /** Relative half-width of the neighbourhood that must round to one float, 16× the bound on the difference from {@code StrictMath}. */
    static final double MARGIN = 0x1p-44;

    /** 1/(2j+1) for j = 1…11: atanh's series, 2·atanh(s) = log((1+s)/(1−s)). */
    private static final double L1 = 1.0 / 3, L2 = 1.0 / 5, L3 = 1.0 / 7, L4 = 1.0 / 9, L5 = 1.0 / 11,
            L6 = 1.0 / 13, L7 = 1.0 / 15, L8 = 1.0 / 17, L9 = 1.0 / 19, L10 = 1.0 / 21, L11 = 1.0 / 23;
    /** Taylor coefficients (−1)^j / (2j+1)! of sin, j = 1…9. */
    private static final double S1 = -1.0 / 6, S2 = 1.0 / 120, S3 = -1.0 / 5040, S4 = 1.0 / 362880,
            S5 = -1.0 / 39916800, S6 = 1.0 / 6227020800.0, S7 = -1.0 / 1307674368000.0,
            S8 = 1.0 / 355687428096000.0, S9 = -1.0 / 121645100408832000.0;
    /** Taylor coefficients (−1)^j / (2j)! of cos, j = 2…10. */
    private static final double C2 = 1.0 / 24, C3 = -1.0 / 720, C4 = 1.0 / 40320, C5 = -1.0 / 3628800,
            C6 = 1.0 / 479001600, C7 = -1.0 / 87178291200.0, C8 = 1.0 / 20922789888000.0,
            C9 = -1.0 / 6402373705728000.0, C10 = 1.0 / 2432902008176640000.0;

    static {
        BigDecimal halfPi = new BigDecimal(
                "1.57079632679489661923132169163975144209858469968755291048747229615390820314310449931401741267");
        P1 = truncate(halfPi.doubleValue());
        BigDecimal rest = halfPi.subtract(new BigDecimal(P1), MathContext.UNLIMITED);
        P2 = truncate(rest.doubleValue());
        P3 = rest.subtract(new BigDecimal(P2), MathContext.UNLIMITED).doubleValue();
    }

    private final double[] r;
    private final double[] k;
    private final double[] sinR;
    private final double[] cosR;
    private final double[] cos;
    private final double[] sin;

    /** Scratch for up to {@code capacity} elements per call; one instance per thread. */
    BoxMuller(int capacity) {
        r = new double[capacity];
        k = new double[capacity];
        sinR = new double[capacity];
        cosR = new double[capacity];
        cos = new double[capacity];
        sin = new double[capacity];
    }

    /** {@code x} with its last 20 significand bits cleared (33 significant bits left). */
    private static double truncate(double x) {
        return Double.longBitsToDouble(Double.doubleToRawLongBits(x) & ~((1L << 20) - 1));
    }

    /**
     * {@code out[i] = std · sqrt(−2 · log(u[i]))} for i < n, u in (0, 1]. The exponent split:
     * x = 2^e · m with m in [√½, √2), e taken from the bits after an offset that keeps them positive,
     * and turned into a double through 2^52's bits (AVX2 has no vector long-to-double conversion).
     */
    void radius(double[] u, int n, double std, double[] out) {
        double[] exponent = k;
        for (int i = 0; i < n; i++) {
            long shifted = Double.doubleToRawLongBits(u[i]) - SQRT_HALF_BITS + (1024L << 52);
            exponent[i] = Double.longBitsToDouble(TWO52_BITS + (shifted >>> 52)) - (TWO52 + 1024);
            out[i] = Double.longBitsToDouble((shifted & MANTISSA) + SQRT_HALF_BITS);
        }
        for (int i = 0; i < n; i++) {
            double m = out[i];
            double s = (m - 1) / (m + 1);
            double z = s * s;
            double series = L1 + z * (L2 + z * (L3 + z * (L4 + z * (L5 + z * (L6 + z * (L7 + z * (L8
                    + z * (L9 + z * (L10 + z * L11)))))))));
            double twoS = s + s;
            double log = exponent[i] * LN2 + (twoS + twoS * z * series);
            out[i] = std * Math.sqrt(-2.0 * log);
        }
    }

    /**
     * Box–Muller's pair for i < n: {@code first[i] = (float) (radius[i] · cos(2π·u[i]))} and
     * {@code second[i]} the same with sin. {@code widthFirst[i]} and {@code widthSecond[i]} receive the
     * difference between the floats that the two ends of each value's 2^−44-relative neighbourhood round
     * to: zero means the float is decided, anything else that the caller must recompute it strictly.
     */
    void normals(double[] radius, double[] u, int n, float[] first, float[] second, float[] widthFirst,
            float[] widthSecond) {
        // Separate loops, each of which C2 vectorises; it vectorises none of their fusions (too many
        // live values, results written over inputs, double loads mixed with float stores).
        for (int i = 0; i < n; i++) {
            double x = 2 * Math.PI * u[i];
            double q = Math.rint(x * TWO_OVER_PI);
            r[i] = ((x - q * P1) - q * P2) - q * P3;
            k[i] = q;
        }
        for (int i = 0; i < n; i++) {
            double z = r[i] * r[i];
            sinR[i] = r[i] + r[i] * z * (S1 + z * (S2 + z * (S3 + z * (S4 + z * (S5 + z * (S6 + z * (S7
                    + z * (S8 + z * S9))))))));
            cosR[i] = (1 - 0.5 * z) + z * z * (C2 + z * (C3 + z * (C4 + z * (C5 + z * (C6 + z * (C7
                    + z * (C8 + z * (C9 + z * C10))))))));
        }
        for (int i = 0; i < n; i++) {
            // Quadrant q = k mod 4: cos(qπ/2) is 1, 0, −1, 0 = |q − 2| − 1 and sin(qπ/2) is 0, 1, 0, −1 =
            // 1 − |q − 1|, exactly; one of the two is 0, so each sum below has one non-zero term.
            double q = k[i] - 4 * Math.floor(k[i] * 0.25);
            double cosQ = Math.abs(q - 2) - 1;
            double sinQ = 1 - Math.abs(q - 1);
            cos[i] = radius[i] * (cosQ * cosR[i] - sinQ * sinR[i]);
            sin[i] = radius[i] * (sinQ * cosR[i] + cosQ * sinR[i]);
        }
        decide(cos, n, first, widthFirst);
        decide(sin, n, second, widthSecond);
    }

    /** {@code rounded[i] = (float) v[i]} and {@code width[i]}: how far apart the floats of v[i]'s neighbourhood's ends are. */
    private static void decide(double[] v, int n, float[] rounded, float[] width) {
        for (int i = 0; i < n; i++) {
            double x = v[i];
            double margin = Math.max(Math.abs(x) * MARGIN, Double.MIN_NORMAL);
            rounded[i] = (float) x;
            width[i] = (float) (x + margin) - (float) (x - margin);
        }
    }
}
