package org.brainalign.benchmarks.syntaxgym;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.brainalign.benchmarks.DataSource;
import org.brainalign.benchmarks.RunOptions;
import org.brainalign.benchmarks.ScriptedSubject;
import org.brainalign.benchmarks.TestData;
import org.brainalign.benchmarks.data.DataCatalog;
import org.junit.jupiter.api.Test;

class SyntaxGymTest {
    /** The real data (the test is skipped, with the reason, when the shared folder is absent). */
    private static DataSource real() {
        return new DataSource(TestData.shared(), DataCatalog.bundled(), false);
    }

    @Test
    void everySuiteAndFormulaOfSyntaxGym2020Parses() {
        List<Suite> suites = SyntaxGym.all(real()).load();
        assertThat(suites).hasSize(31);
        for (Suite s : suites) {
            assertThat(s.items()).as(s.name()).isNotEmpty();
            assertThat(s.predictions()).as(s.name()).isNotEmpty();
            for (Suite.Item item : s.items()) {
                for (Formula f : s.predictions()) {
                    assertThat(item.conditions().keySet()).as("%s item %d", s.name(), item.number()).containsAll(f.conditions());
                }
            }
        }
    }

    @Test
    void handSetSurprisalsGiveTheExpectedVerdicts() {
        Formula f = Formula.parse("((5;%ambig_nocomma%) > (5;%ambig_comma%) ) &  ((5;%ambig_nocomma%) > (5;%unambig_nocomma%) )"
                + "  & (((5;%ambig_nocomma%) - (5;%ambig_comma%) ) > ((5;%unambig_nocomma%) - (5;%unambig_comma%) ))");
        double[] an = {0, 0, 0, 0, 9};
        double[] ac = {0, 0, 0, 0, 4};
        double[] un = {0, 0, 0, 0, 6};
        double[] uc = {0, 0, 0, 0, 5};
        Map<String, double[]> s = Map.of("ambig_nocomma", an, "ambig_comma", ac, "unambig_nocomma", un, "unambig_comma", uc);
        assertThat(f.holds(s)).isTrue(); // 9 > 4, 9 > 6, (9-4)=5 > (6-5)=1
        uc[4] = 1.5; // (6 - 1.5) = 4.5 < 5 still holds
        assertThat(f.holds(s)).isTrue();
        uc[4] = 0.5; // (6 - 0.5) = 5.5 > 5: the interaction fails
        assertThat(f.holds(s)).isFalse();

        Formula sum = Formula.parse("((6;%np_mismatch%)-(6;%np_match%))+(((5;%vp_mismatch%)+(6;%vp_mismatch%))-((5;%vp_match%)+(6;%vp_match%)))>0");
        Map<String, double[]> t = Map.of("np_mismatch", new double[] {0, 0, 0, 0, 0, 3}, "np_match", new double[] {0, 0, 0, 0, 0, 4},
                "vp_mismatch", new double[] {0, 0, 0, 0, 1, 2}, "vp_match", new double[] {0, 0, 0, 0, 1, 1});
        assertThat(sum.holds(t)).isFalse(); // -1 + (3 - 2) = 0, not > 0
        t.get("vp_mismatch")[5] = 2.5;
        assertThat(sum.holds(t)).isTrue();

        Formula eq = Formula.parse("((9;%a%) = (9;%b%)) & ((1;%a%) < (1;%b%))");
        assertThat(eq.holds(Map.of("a", new double[] {1, 0, 0, 0, 0, 0, 0, 0, 5.0}, "b", new double[] {2, 0, 0, 0, 0, 0, 0, 0, 5.0005})))
                .isTrue();
        assertThat(eq.holds(Map.of("a", new double[] {1, 0, 0, 0, 0, 0, 0, 0, 5.0}, "b", new double[] {2, 0, 0, 0, 0, 0, 0, 0, 5.01})))
                .isFalse();
    }

    @Test
    void unknownSyntaxIsAClearError() {
        assertThatThrownBy(() -> Formula.parse("(1;%a%) <= (1;%b%)")).hasMessageContaining("'<=' is not part")
                .hasMessageContaining("position");
        assertThatThrownBy(() -> Formula.parse("(1;%a%) * (1;%b%)")).hasMessageContaining("unexpected '*'");
        assertThatThrownBy(() -> Formula.parse("(1;%a) < (1;%b%)")).hasMessageContaining("condition name");
        assertThatThrownBy(() -> Formula.parse("((1;%a%) < (1;%b%)")).hasMessageContaining("expected ')'");
        assertThatThrownBy(() -> Formula.parse("(3;%a%) < (1;%b%)").holds(Map.of("a", new double[] {1}, "b", new double[] {1})))
                .hasMessageContaining("region 3 of condition 'a', which has 1 regions");
    }

    @Test
    void suiteScoreIsTheFractionOfItemsWhosePredictionsAllHold() {
        // center_embed predicts (6 + 7 | plaus) < (6 + 7 | implaus). A subject whose surprisal is the
        // number of letters makes the verdict computable by hand for every item.
        SyntaxGym bench = SyntaxGym.suite("center_embed", real());
        Suite suite = bench.load().getFirst();
        ScriptedSubject letters = new ScriptedSubject(
                parts -> parts.stream().mapToDouble(String::length).toArray(), parts -> List.of());
        int expected = 0;
        for (Suite.Item item : suite.items()) {
            List<String> plaus = item.conditions().get("plaus");
            List<String> implaus = item.conditions().get("implaus");
            double a = plaus.get(5).length() + plaus.get(6).length();
            double b = implaus.get(5).length() + implaus.get(6).length();
            expected += a < b ? 1 : 0;
        }
        var score = bench.score(letters, RunOptions.defaults());
        assertThat(score.raw()).isEqualTo((double) expected / suite.items().size());
        assertThat(letters.calls).isEqualTo(suite.items().size() * 2);
        assertThat(score.ceiling().isNone()).isTrue();
    }

    @Test
    void onlyAFirstRegionMayLackASurprisal() {
        ScriptedSubject firstNaN = new ScriptedSubject(parts -> {
            double[] rt = new double[parts.size()];
            java.util.Arrays.fill(rt, 2.0);
            rt[0] = Double.NaN;
            return rt;
        }, null);
        firstNaN.startBehavioralTask(org.brainalign.core.subject.Task.READING_TIMES);
        org.assertj.core.api.Assertions.assertThat(SyntaxGym.regionSurprisals(firstNaN, java.util.List.of("The", "", "dog", "barks")))
                .containsExactly(0, 0, 2, 2);
        ScriptedSubject laterNaN = new ScriptedSubject(parts -> {
            double[] rt = new double[parts.size()];
            rt[1] = Double.NaN;
            return rt;
        }, null);
        laterNaN.startBehavioralTask(org.brainalign.core.subject.Task.READING_TIMES);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SyntaxGym.regionSurprisals(laterNaN, java.util.List.of("The", "dog")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("surprisal NaN to region 1 ('dog')");
    }
}
