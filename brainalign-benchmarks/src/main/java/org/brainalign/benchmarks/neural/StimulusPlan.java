package org.brainalign.benchmarks.neural;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.brainalign.core.assembly.Assembly;
import org.brainalign.core.assembly.Coordinate;

/**
 * How a neural benchmark presents its stimuli to a subject — which defines the context each
 * stimulus is seen in: one {@code digestText} call per group of the {@code callCoord} coordinate
 * (groups in sorted order, as BSL iterates {@code sorted(set(...))}), the group's stimuli as parts
 * in {@code orderCoord} order (assembly order when null); with a null {@code callCoord} every
 * stimulus is its own call (no context).
 */
public record StimulusPlan(String stimulusCoord, String callCoord, String orderCoord) {

    /** One digestText call: the parts and the presentation each part's output belongs to. */
    public record Call(List<String> parts, int[] presentations) {}

    /** The calls for an assembly. */
    public List<Call> calls(Assembly target) {
        Coordinate stimuli = target.coord(Assembly.Dim.PRESENTATION, stimulusCoord);
        List<Call> out = new ArrayList<>();
        if (callCoord == null) {
            for (int i = 0; i < target.presentations(); i++) {
                out.add(new Call(List.of(stimuli.label(i)), new int[] {i}));
            }
            return out;
        }
        Map<String, int[]> groups = target.groupBy(Assembly.Dim.PRESENTATION, callCoord);
        Coordinate order = orderCoord == null ? null : target.coord(Assembly.Dim.PRESENTATION, orderCoord);
        for (int[] idx : groups.values()) {
            Integer[] boxed = Arrays.stream(idx).boxed().toArray(Integer[]::new);
            if (order instanceof Coordinate.Numbers num) {
                Arrays.sort(boxed, Comparator.comparingDouble(num::value));
            } else if (order != null) {
                Arrays.sort(boxed, Comparator.comparing(order::label));
            }
            List<String> parts = new ArrayList<>();
            for (int i : boxed) {
                parts.add(stimuli.label(i));
            }
            out.add(new Call(parts, Arrays.stream(boxed).mapToInt(Integer::intValue).toArray()));
        }
        return out;
    }

    /** Human-readable context policy. */
    public String describe() {
        if (callCoord == null) {
            return "each stimulus alone (no context)";
        }
        return "one call per " + callCoord + (orderCoord == null ? "" : " in " + orderCoord + " order")
                + "; context = earlier stimuli of the same " + callCoord;
    }
}
