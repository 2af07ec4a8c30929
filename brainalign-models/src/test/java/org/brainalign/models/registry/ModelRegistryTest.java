package org.brainalign.models.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import java.util.List;
import org.brainalign.models.TestData;
import org.junit.jupiter.api.Test;

/** Every --model form resolves through the registry: which form a name is, and what opening it gives. */
class ModelRegistryTest {

    @Test
    void eachNameIsReadAsItsForm() {
        assertThat(ModelRegistry.formOf("untrained:gpt2").syntax()).isEqualTo("untrained:<preset>[@seed]");
        assertThat(ModelRegistry.formOf("untrained:pythia-160m@7").syntax()).isEqualTo("untrained:<preset>[@seed]");
        assertThat(ModelRegistry.formOf("untrained:runs/topo@1").syntax()).isEqualTo("untrained:<dir>[@seed]");
        assertThat(ModelRegistry.formOf("randomembedding-1600").syntax()).isEqualTo("randomembedding-<dims>");
        assertThat(ModelRegistry.formOf("oasm").syntax()).isEqualTo("oasm[:<sigma>]");
        assertThat(ModelRegistry.formOf("oasm:0.5").syntax()).isEqualTo("oasm[:<sigma>]");
        assertThat(ModelRegistry.formOf("suma-64x8@42").syntax()).isEqualTo("suma[-<width>x<heads>][@seed]");
        // A name that is not a local path and reads as a hub id is one; an existing path wins.
        assertThat(ModelRegistry.formOf("models/gpt2").syntax()).isEqualTo("<org>/<name> | <hub id>");
        assertThat(ModelRegistry.formOf("Qwen/Qwen2.5-0.5B").syntax()).isEqualTo("<org>/<name> | <hub id>");
        assertThat(ModelRegistry.formOf("src").syntax()).isEqualTo("<dir>");
        assertThat(ModelRegistry.formOf("./runs/final").syntax()).isEqualTo("<dir>");
        assertThat(ModelRegistry.helpLines()).hasSameSizeAs(ModelRegistry.forms())
                .allSatisfy(l -> assertThat(l).doesNotContain("  null"));
        assertThatThrownBy(() -> ModelRegistry.formOf(" ")).hasMessageContaining("--model is empty")
                .hasMessageContaining("randomembedding-<dims>");
    }

    @Test
    void baselinesOpenWithTheirIdsLayersAndVariants() {
        try (OpenedModel re = ModelRegistry.open("randomembedding-100", new ModelRequest(null, 3, "all", null))) {
            assertThat(re.id()).isEqualTo("randomembedding-100@seed=3");
            assertThat(re.layers()).containsExactly("embedding");
            assertThat(re.checkpoint()).isEqualTo("generated");
            assertThat(re.freshSubject().id()).contains("randomembedding");
            assertThat(re.transformer()).isEmpty();
            assertThatThrownBy(re::model).hasMessageContaining("needs a transformer");
        }
        try (OpenedModel suma = ModelRegistry.open("suma-64x8", ModelRequest.defaults())) {
            assertThat(suma.variants()).hasSize(5);
            assertThat(suma.id()).isEqualTo("suma-64x8@mean-of-5");
            assertThat(suma.layers()).containsExactly("suma.block");
        }
        try (OpenedModel oasm = ModelRegistry.open("oasm:2", ModelRequest.defaults())) {
            assertThat(oasm.id()).isEqualTo("oasm:2");
            assertThat(oasm.layers()).containsExactly("position");
        }
    }

    @Test
    void aDirectoryOpensAsATransformerWithItsFingerprintAndABaselineIsNoTransformer() {
        String dir = TestData.fixture("tiny-gpt2").toString();
        try (OpenedModel m = ModelRegistry.open(dir, new ModelRequest(null, 0, "transformer.h.0,transformer.ln_f", null))) {
            assertThat(m.layers()).containsExactly("transformer.h.0", "transformer.ln_f");
            assertThat(m.checkpoint()).startsWith("sha256:");
            assertThat(m.id()).isEqualTo("tiny-gpt2");
            assertThat(m.variantsFor(List.of("transformer.h.0"))).hasSize(1);
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            assertThatThrownBy(() -> ModelRegistry.openTransformer("oasm", ModelRequest.defaults(), manager))
                    .hasMessageContaining("'oasm' is a baseline");
        }
    }
}
