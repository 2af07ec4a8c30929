package org.brainalign.models.nn;

/**
 * How HuggingFace initialises one parameter of an untrained model ({@code _init_weights}):
 * normal with a given standard deviation (optionally with one zeroed padding row, as
 * {@code nn.Embedding(padding_idx=...)} does), all zeros (biases, LayerNorm shifts) or all ones
 * (norm scales).
 */
public sealed interface Init {

    /** Normal(0, std); row {@code zeroRow} set to 0 when it is ≥ 0. */
    record Normal(double std, int zeroRow) implements Init {
        public Normal(double std) {
            this(std, -1);
        }
    }

    /** All zeros. */
    record Zeros() implements Init {
    }

    /** All ones. */
    record Ones() implements Init {
    }

    Init ZEROS = new Zeros();
    Init ONES = new Ones();
}
