package org.brainalign.benchmarks.simulate;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.brainalign.core.random.NumpyRandomState;

/**
 * Deterministic, unique English-like sentences and fragments for simulated assemblies, built from
 * small word lists with a seeded generator. Only their uniqueness matters to the simulation (each
 * stimulus must be identifiable from its text and position); they also give models realistic
 * token counts to process.
 */
public final class SyntheticText {
    private static final String[] ADJ = {"quiet", "old", "bright", "small", "heavy", "young", "green", "careful", "strange",
            "warm", "distant", "honest", "narrow", "silver", "gentle", "broken", "early", "hidden", "proud", "simple"};
    private static final String[] NOUN = {"teacher", "river", "garden", "doctor", "window", "village", "engine", "letter",
            "painter", "forest", "market", "sailor", "kitchen", "bridge", "student", "mountain", "library", "farmer", "storm",
            "island", "camera", "musician", "harbor", "pilot", "museum", "baker", "valley", "lawyer", "castle", "nurse"};
    private static final String[] VERB = {"watched", "carried", "painted", "followed", "visited", "described", "found",
            "repaired", "noticed", "opened", "crossed", "praised", "studied", "cleaned", "built", "remembered", "sold",
            "photographed", "measured", "admired"};
    private static final String[] PREP = {"near", "behind", "beside", "across", "above", "under", "beyond", "around"};

    private final NumpyRandomState rng;
    private final Set<String> used = new HashSet<>();

    public SyntheticText(long seed) {
        this.rng = new NumpyRandomState(seed);
    }

    private String pick(String[] words) {
        return words[(int) rng.randint(0, words.length)];
    }

    /** A new sentence never returned before, e.g. "The quiet teacher watched the river near the old garden." */
    public String sentence() {
        for (int attempt = 0; attempt < 10_000; attempt++) {
            String s = "The " + pick(ADJ) + " " + pick(NOUN) + " " + pick(VERB) + " the " + pick(NOUN) + " " + pick(PREP)
                    + " the " + pick(ADJ) + " " + pick(NOUN) + ".";
            if (used.add(s)) {
                return s;
            }
        }
        throw new IllegalStateException("ran out of distinct synthetic sentences");
    }

    /** A sentence of exactly eight upper-case words, as Fedorenko2016's stimuli. */
    public List<String> eightWords() {
        for (int attempt = 0; attempt < 10_000; attempt++) {
            List<String> w = List.of("THE", pick(ADJ).toUpperCase(), pick(NOUN).toUpperCase(), pick(VERB).toUpperCase(), "THE",
                    pick(NOUN).toUpperCase(), pick(PREP).toUpperCase(), pick(NOUN).toUpperCase());
            if (used.add(String.join(" ", w))) {
                return w;
            }
        }
        throw new IllegalStateException("ran out of distinct synthetic sentences");
    }

    /** Story fragments of 3–6 words (the TR-aligned chunks of Blank2014), all distinct within the call. */
    public List<String> fragments(int count) {
        List<String> out = new ArrayList<>();
        Set<String> local = new HashSet<>();
        String[][] pools = {ADJ, NOUN, VERB, PREP};
        while (out.size() < count) {
            int len = 3 + (int) rng.randint(0, 4);
            StringBuilder b = new StringBuilder();
            for (int k = 0; k < len; k++) {
                if (k > 0) {
                    b.append(' ');
                }
                b.append(k % 2 == 0 ? "the" : pick(pools[(int) rng.randint(0, pools.length)]));
                if (k % 2 == 0 && k + 1 == len) {
                    b.append(' ').append(pick(NOUN));
                }
            }
            b.append(' ').append(pick(NOUN)).append(out.size() % 7 == 6 ? "." : ",");
            String f = b.toString();
            if (local.add(f)) {
                out.add(f);
            }
        }
        return out;
    }
}
