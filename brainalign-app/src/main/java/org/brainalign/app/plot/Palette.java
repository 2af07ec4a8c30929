package org.brainalign.app.plot;

/**
 * Colours of the plots: the Okabe–Ito palette (distinguishable with the common colour-vision
 * deficiencies) for series, and the greys of axes, grids and text.
 */
public final class Palette {
    public static final String TEXT = "#222222";
    public static final String AXIS = "#444444";
    public static final String GRID = "#e6e6e6";
    public static final String MUTED = "#777777";
    private static final String[] SERIES = {"#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442"};

    private Palette() {}

    /** The colour of the i-th series (cycling after eight). */
    public static String series(int i) {
        return SERIES[Math.floorMod(i, SERIES.length)];
    }
}
