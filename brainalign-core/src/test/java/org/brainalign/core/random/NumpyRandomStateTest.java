package org.brainalign.core.random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import java.util.Map;
import org.brainalign.core.ReferenceVectors;
import org.junit.jupiter.api.Test;

class NumpyRandomStateTest {

    @Test
    void reproducesNumpyLegacyStreamsForEverySeed() {
        JsonObject seeds = ReferenceVectors.root().getAsJsonObject("RandomState");
        assertThat(seeds.keySet()).isNotEmpty();
        for (Map.Entry<String, com.google.gson.JsonElement> e : seeds.entrySet()) {
            long seed = Long.parseLong(e.getKey());
            JsonObject ref = e.getValue().getAsJsonObject();
            assertThat(new NumpyRandomState(seed).randomSample(10))
                    .as("random_sample seed %d", seed).containsExactly(ReferenceVectors.doubles(ref.get("random_sample_10")));
            assertThat(new NumpyRandomState(seed).randint(0, 100, 10))
                    .as("randint seed %d", seed).containsExactly(ReferenceVectors.ints(ref.get("randint_0_100_10")));
            assertThat(new NumpyRandomState(seed).permutation(20))
                    .as("permutation seed %d", seed).containsExactly(ReferenceVectors.ints(ref.get("permutation_20")));
            assertThat(new NumpyRandomState(seed).choice(50, 10, true))
                    .as("choice replace seed %d", seed).containsExactly(ReferenceVectors.ints(ref.get("choice_50_10_replace")));
            assertThat(new NumpyRandomState(seed).choice(50, 10, false))
                    .as("choice no-replace seed %d", seed).containsExactly(ReferenceVectors.ints(ref.get("choice_50_10_noreplace")));
            assertThat(new NumpyRandomState(seed).randn(5))
                    .as("randn seed %d", seed).containsExactly(ReferenceVectors.doubles(ref.get("randn_5")));
            NumpyRandomState u = new NumpyRandomState(seed);
            double[] uniform = new double[5];
            for (int i = 0; i < 5; i++) {
                uniform[i] = u.uniform(0, 1);
            }
            assertThat(uniform).as("uniform seed %d", seed).containsExactly(ReferenceVectors.doubles(ref.get("uniform_5")));
        }
    }

    @Test
    void rejectsSeedsOutsideNumpysRange() {
        assertThatThrownBy(() -> new NumpyRandomState(-1)).hasMessageContaining("2**32");
        assertThatThrownBy(() -> new NumpyRandomState(1L << 32)).hasMessageContaining("2**32");
        assertThatThrownBy(() -> new NumpyRandomState(0).choice(3, 4, false)).hasMessageContaining("larger sample");
    }

    /** numpy's array seeding ({@code init_by_array}); values printed by brainalign-app/src/test/python/bsl_random_embedding.py. */
    @org.junit.jupiter.api.Test
    void arraySeedsAsNumpyDoes() {
        NumpyRandomState r = new NumpyRandomState(new int[] {1, 2, 3, 0xFFFFFFFF});
        org.assertj.core.api.Assertions.assertThat(r.randomSample(3))
                .containsExactly(0.1556037369058203, 0.002664253933889804, 0.43153470394516524);
    }
}
