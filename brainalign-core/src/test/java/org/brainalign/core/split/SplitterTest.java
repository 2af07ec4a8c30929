package org.brainalign.core.split;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.brainalign.core.ReferenceVectors;
import org.junit.jupiter.api.Test;

/** Every index set of the scikit-learn reference vectors, reproduced exactly. */
class SplitterTest {

    @Test
    void shuffleSplitMatchesSklearn() {
        JsonObject cases = ReferenceVectors.root().getAsJsonObject("ShuffleSplit_10_train0.9");
        Pattern key = Pattern.compile("n=(\\d+),seed=(\\d+)");
        assertThat(cases.size()).isGreaterThanOrEqualTo(12);
        for (Map.Entry<String, JsonElement> e : cases.entrySet()) {
            Matcher m = key.matcher(e.getKey());
            assertThat(m.matches()).isTrue();
            int n = Integer.parseInt(m.group(1));
            List<Split> splits = ShuffleSplit.ofTrain(10, 0.9, Long.parseLong(m.group(2))).split(n, null);
            JsonArray ref = e.getValue().getAsJsonArray();
            assertThat(splits).hasSize(ref.size());
            for (int s = 0; s < ref.size(); s++) {
                JsonObject r = ref.get(s).getAsJsonObject();
                assertThat(splits.get(s).train()).as("%s split %d train", e.getKey(), s).containsExactly(ReferenceVectors.ints(r.get("train")));
                assertThat(splits.get(s).test()).as("%s split %d test", e.getKey(), s).containsExactly(ReferenceVectors.ints(r.get("test")));
            }
        }
    }

    @Test
    void kFoldShuffleMatchesSklearn() {
        JsonObject cases = ReferenceVectors.root().getAsJsonObject("KFold5_shuffle_test");
        Pattern key = Pattern.compile("n=(\\d+),seed=(\\d+)");
        for (Map.Entry<String, JsonElement> e : cases.entrySet()) {
            Matcher m = key.matcher(e.getKey());
            assertThat(m.matches()).isTrue();
            List<Split> splits = new KFold(5, true, Long.parseLong(m.group(2))).split(Integer.parseInt(m.group(1)), null);
            JsonArray ref = e.getValue().getAsJsonArray();
            for (int s = 0; s < ref.size(); s++) {
                assertThat(splits.get(s).test()).as("%s fold %d", e.getKey(), s).containsExactly(ReferenceVectors.ints(ref.get(s)));
            }
        }
    }

    @Test
    void groupKFoldShuffleMatchesSklearn16() {
        JsonObject cases = ReferenceVectors.root().getAsJsonObject("GroupKFold_shuffle");
        Pattern key = Pattern.compile("groups=(\\d+),splits=(\\d+),seed=(\\d+)");
        assertThat(cases.size()).isGreaterThanOrEqualTo(9);
        for (Map.Entry<String, JsonElement> e : cases.entrySet()) {
            Matcher m = key.matcher(e.getKey());
            assertThat(m.matches()).isTrue();
            JsonObject c = e.getValue().getAsJsonObject();
            int[] groups = ReferenceVectors.ints(c.get("groups"));
            List<Split> splits = new GroupKFold(Integer.parseInt(m.group(2)), Long.parseLong(m.group(3))).split(groups.length, groups);
            JsonArray ref = c.getAsJsonArray("test");
            assertThat(splits).hasSize(ref.size());
            for (int s = 0; s < ref.size(); s++) {
                assertThat(splits.get(s).test()).as("%s fold %d", e.getKey(), s).containsExactly(ReferenceVectors.ints(ref.get(s)));
            }
        }
    }

    @Test
    void invalidPoliciesFailWithReasons() {
        assertThatThrownBy(() -> new GroupKFold(10, 1).split(4, new int[] {0, 0, 1, 1}))
                .hasMessageContaining("n_splits=10").hasMessageContaining("2");
        assertThatThrownBy(() -> new GroupKFold(2, 1).split(4, null)).hasMessageContaining("group code");
        assertThatThrownBy(() -> ShuffleSplit.ofTrain(10, 0.9, 1).split(1, null)).hasMessageContaining("1 samples");
        assertThatThrownBy(() -> ShuffleSplit.ofTrain(10, 1.5, 1)).hasMessageContaining("(0, 1)");
    }
}
