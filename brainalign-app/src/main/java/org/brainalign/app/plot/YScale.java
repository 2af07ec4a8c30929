package org.brainalign.app.plot;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A linear score axis shared by every chart of normalised scores: from 0 to 1 unless a value (or an
 * interval end) lies outside, in which case the range grows to the next tick (0.2 apart), so that
 * charts side by side are comparable and a small difference looks small. Ticks fall on round steps
 * and are printed with the same number of decimals.
 */
public record YScale(double min, double max, double step) {
    /** The 0–1 scale widened to cover every finite value given. */
    public static YScale covering(double[]... values) {
        double lo = 0;
        double hi = 1;
        for (double[] vs : values) {
            for (double v : vs) {
                if (Double.isFinite(v)) {
                    lo = Math.min(lo, Math.floor(v * 10 + 1e-9) / 10);
                    hi = Math.max(hi, Math.ceil(v * 10 - 1e-9) / 10);
                }
            }
        }
        double range = hi - lo;
        double step = range <= 1.5 ? 0.2 : range <= 3 ? 0.5 : Math.pow(10, Math.ceil(Math.log10(range / 6)));
        // Both ends on the tick grid, so that no tick label crowds another.
        return new YScale(Math.floor(lo / step + 1e-9) * step, Math.ceil(hi / step - 1e-9) * step, step);
    }

    /** The pixel row of a value between {@code top} (max) and {@code bottom} (min); values outside are clamped. */
    public double pixel(double v, double top, double bottom) {
        double c = Math.max(min, Math.min(max, v));
        return bottom - (c - min) / (max - min) * (bottom - top);
    }

    /** Tick values: multiples of the step within the range, always including both ends. */
    public List<Double> ticks() {
        List<Double> out = new ArrayList<>();
        for (double t = Math.ceil(min / step - 1e-9) * step; t <= max + 1e-9; t += step) {
            out.add(Math.abs(t) < 1e-12 ? 0.0 : t);
        }
        if (Math.abs(out.getFirst() - min) > 1e-9) {
            out.addFirst(min);
        }
        if (Math.abs(out.getLast() - max) > 1e-9) {
            out.add(max);
        }
        return out;
    }

    /** A tick label, with as many decimals as the step needs. */
    public String label(double tick) {
        int decimals = step >= 1 ? 0 : (int) Math.ceil(-Math.log10(step) - 1e-9);
        return String.format(Locale.ROOT, "%." + Math.max(decimals, 1) + "f", tick);
    }
}
