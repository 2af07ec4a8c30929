package org.brainalign.app.plot;

/**
 * One chart of scores: it knows its size, draws itself on any {@link Canvas} with its origin at the
 * canvas's current origin, and gives the numbers it shows as a {@link ValueTable} (all of them for
 * pages, a summary for figures). Empty charts are never built: callers say what is missing instead.
 */
public sealed interface Chart permits LayerChart, DotChart, ScatterChart, HistogramChart, TValueChart {
    /** Width of every chart, so that they line up in a grid. */
    double WIDTH = 660;

    String title();

    double height();

    void draw(Canvas c);

    /** Every plotted value with its interval. */
    ValueTable table();

    /** A few rows worth printing under the chart in a figure. */
    ValueTable summary();
}
