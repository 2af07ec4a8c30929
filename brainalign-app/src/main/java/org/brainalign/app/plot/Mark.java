package org.brainalign.app.plot;

import java.util.Map;

/**
 * What a drawn element means, for readers and tests: a CSS class, a tooltip (an SVG {@code <title>},
 * shown on hover in a browser) and data attributes carrying the exact values the element stands for
 * ({@code data-value}, {@code data-lo}, …). Raster output ignores it.
 */
public record Mark(String cssClass, String tooltip, Map<String, String> data) {
    /** No meaning beyond the picture. */
    public static final Mark NONE = new Mark(null, null, Map.of());

    public Mark {
        data = data == null ? Map.of() : Map.copyOf(data);
    }

    public static Mark of(String cssClass) {
        return new Mark(cssClass, null, Map.of());
    }
}
