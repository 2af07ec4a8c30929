package org.brainalign.benchmarks.syntaxgym;

import org.brainalign.core.subject.Needs;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.brainalign.benchmarks.Benchmark;
import org.brainalign.benchmarks.DataSource;
import org.brainalign.benchmarks.Provenance;
import org.brainalign.benchmarks.RunOptions;
import org.brainalign.benchmarks.data.DataMissingException;
import org.brainalign.benchmarks.data.DataVerifier;
import org.brainalign.core.ceiling.Ceiling;
import org.brainalign.core.score.Interval;
import org.brainalign.core.score.LayerScore;
import org.brainalign.core.score.Score;
import org.brainalign.core.subject.Subject;
import org.brainalign.core.subject.SubjectOutput;
import org.brainalign.core.subject.Task;

/**
 * SyntaxGym 2020 benchmarks: {@code syntaxgym-<suite>} scores one suite, {@code SyntaxGym2020} the
 * mean over all 31. Each condition of each item is read as one call whose parts are its regions (so
 * a region's context is the earlier regions); a region's surprisal is the sum over its tokens, in
 * bits (NaN — a one-token first region — and empty regions count 0). An item is correct only if all
 * of the suite's predictions hold; the score is the fraction of correct items (no ceiling).
 */
public final class SyntaxGym implements Benchmark {
    /** The 31 suites of syntaxgym-2020. */
    public static final List<String> SUITES = List.of("center_embed", "center_embed_mod", "cleft", "cleft_modifier",
            "fgd_hierarchy", "fgd_object", "fgd_pp", "fgd_subject", "mvrr", "mvrr_mod", "npi_orc_any", "npi_orc_ever",
            "npi_src_any", "npi_src_ever", "npz_ambig", "npz_ambig_mod", "npz_obj", "npz_obj_mod", "number_orc",
            "number_prep", "number_src", "reflexive_orc_fem", "reflexive_orc_masc", "reflexive_prep_fem",
            "reflexive_prep_masc", "reflexive_src_fem", "reflexive_src_masc", "subordination", "subordination_orc-orc",
            "subordination_pp-pp", "subordination_src-src");

    private final DataSource source;
    private final List<String> suites;
    private final String id;
    private List<Suite> loaded;

    private SyntaxGym(DataSource source, List<String> suites, String id) {
        this.source = source;
        this.suites = suites;
        this.id = id;
    }

    /** One suite. */
    public static SyntaxGym suite(String name, DataSource source) {
        if (!SUITES.contains(name)) {
            throw new IllegalArgumentException("unknown SyntaxGym suite '" + name + "'; known: " + SUITES);
        }
        return new SyntaxGym(source, List.of(name), "syntaxgym-" + name);
    }

    /** All 31 suites, scored as their mean. */
    public static SyntaxGym all(DataSource source) {
        return new SyntaxGym(source, SUITES, "SyntaxGym2020");
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public int version() {
        return 1;
    }

    /** A suite feeds the leaderboard's {@code SyntaxGym} node; their mean ({@code SyntaxGym2020}) is not ranked again. */
    @Override
    public String parent() {
        return suites.size() == 1 ? "SyntaxGym" : null;
    }

    @Override
    public String citation() {
        return "Gauthier et al. 2020, SyntaxGym: An online platform for targeted evaluation of language models (ACL demos); "
                + "Hu et al. 2020, A systematic assessment of syntactic generalization in neural language models (ACL)";
    }

    @Override
    public String description() {
        return suites.size() == 1 ? "SyntaxGym 2020 suite " + suites.getFirst() + ": accuracy of items whose predictions all hold"
                : "SyntaxGym 2020: mean accuracy over the 31 suites";
    }

    @Override
    public Needs needs() {
        return Needs.tasks(Task.READING_TIMES);
    }

    @Override
    public String contextPolicy() {
        return "one call per item condition; a region's context = the earlier regions of that condition";
    }

    /** The suites, read from the data directory on first use. */
    public synchronized List<Suite> load() {
        if (loaded == null) {
            if (source.simulated()) {
                throw new IllegalArgumentException(id + " has no simulated variant; it reads the syntaxgym2020 data set");
            }
            List<Suite> out = new ArrayList<>();
            var set = source.catalog().get("syntaxgym2020");
            for (String s : suites) {
                DataVerifier.requirePinned(set, source.directory(), s + ".json");
                out.add(Suite.load(source.directory().dataset("syntaxgym2020").resolve(s + ".json")));
            }
            loaded = List.copyOf(out);
        }
        return loaded;
    }

    @Override
    public void prepareData() {
        load();
    }

    @Override
    public Score score(Subject subject, RunOptions options) {
        List<Suite> loaded = load();
        subject.startBehavioralTask(Task.READING_TIMES);
        // Every condition of every item is read alone: each suite's conditions go to the subject at once (batched).
        List<List<List<String>>> conditions = new ArrayList<>(); // per suite, every item's conditions in order
        long total = 0;
        for (Suite suite : loaded) {
            List<List<String>> lists = new ArrayList<>();
            for (Suite.Item item : suite.items()) {
                lists.addAll(item.conditions().values());
            }
            conditions.add(lists);
            total += lists.stream().mapToLong(r -> nonBlank(r).size()).sum();
        }
        long done = 0;
        List<LayerScore> perSuite = new ArrayList<>();
        for (int s = 0; s < loaded.size(); s++) {
            Suite suite = loaded.get(s);
            int correct = 0;
            double[][] items = new double[suite.items().size()][1];
            List<List<String>> regionLists = conditions.get(s);
            List<List<String>> calls = regionLists.stream().map(SyntaxGym::nonBlank).filter(p -> !p.isEmpty()).toList();
            long before = done;
            long all = total;
            List<SubjectOutput> outputs = subject.digestTexts(calls, (d, t) -> options.progress().update("regions", before + d, all));
            done = before + calls.stream().mapToLong(List::size).sum();
            int next = 0;
            int k = 0;
            for (int i = 0; i < suite.items().size(); i++) {
                Suite.Item item = suite.items().get(i);
                Map<String, double[]> surprisals = new HashMap<>();
                for (Map.Entry<String, List<String>> c : item.conditions().entrySet()) {
                    List<String> regions = regionLists.get(k++);
                    surprisals.put(c.getKey(), regionSurprisals(subject.id(), regions,
                            nonBlank(regions).isEmpty() ? null : outputs.get(next++)));
                }
                boolean ok = correct(suite, surprisals);
                items[i][0] = ok ? 1 : 0;
                correct += ok ? 1 : 0;
            }
            double acc = (double) correct / suite.items().size();
            perSuite.add(LayerScore.of(suite.name(), acc, Double.NaN, Interval.UNKNOWN, items,
                    correct + " of " + suite.items().size() + " items"));
        }
        return assemble(subject.id(), Ceiling.none(), perSuite, options.bootstrapSeed());
    }

    @Override
    public Provenance provenance(long bootstrapSeed, Ceiling ceiling) {
        Map<String, String> sums = new LinkedHashMap<>();
        for (String suite : suites) {
            sums.put("syntaxgym2020/" + suite + ".json", checksum(suite));
        }
        return new Provenance(Map.of(), sums, "none");
    }

    /** Whether every prediction of the suite holds for one item's region surprisals. */
    public static boolean correct(Suite suite, Map<String, double[]> surprisals) {
        for (Formula f : suite.predictions()) {
            if (!f.holds(surprisals)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Surprisal (bits) of each region, reading the non-empty regions as one call; an empty region, and a
     * first region without context (NaN, as BSL), count 0. Any other non-finite surprisal is an error
     * naming the region: it can only come from a broken model, and must not become a score.
     */
    static double[] regionSurprisals(Subject subject, List<String> regions) {
        List<String> parts = nonBlank(regions);
        return regionSurprisals(subject.id(), regions, parts.isEmpty() ? null : subject.digestText(parts));
    }

    /** The regions that hold text, in order: what one condition presents to the subject. */
    static List<String> nonBlank(List<String> regions) {
        return regions.stream().filter(r -> !r.isBlank()).toList();
    }

    /** The regions' surprisals from the output of reading their non-empty regions as one call (null when all are empty). */
    static double[] regionSurprisals(String subjectId, List<String> regions, SubjectOutput o) {
        List<String> parts = new ArrayList<>();
        List<Integer> index = new ArrayList<>();
        for (int r = 0; r < regions.size(); r++) {
            if (!regions.get(r).isBlank()) {
                parts.add(regions.get(r));
                index.add(r);
            }
        }
        double[] out = new double[regions.size()];
        if (parts.isEmpty()) {
            return out;
        }
        double[] rt = o.readingTimes();
        for (int k = 0; k < parts.size(); k++) {
            double v = rt[k];
            if (!Double.isFinite(v) && !(k == 0 && Double.isNaN(v))) {
                throw new IllegalStateException(subjectId + " gave surprisal " + v + " to region " + index.get(k) + " ('"
                        + parts.get(k) + "') of '" + String.join(" ", parts) + "'; no score is made from a non-finite surprisal");
            }
            out[index.get(k)] = Double.isNaN(v) ? 0 : v;
        }
        return out;
    }

    private String checksum(String suite) {
        try {
            return DataVerifier.sha256(source.directory().dataset("syntaxgym2020").resolve(suite + ".json"));
        } catch (java.io.IOException e) {
            throw new DataMissingException("cannot checksum suite " + suite + ": " + e.getMessage(), e);
        }
    }
}
