package org.brainalign.models.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import java.util.List;
import org.brainalign.models.tokenizer.ByteLevelBpe;
import org.junit.jupiter.api.Test;

/** SUMA's block against a plain-Java twin, and the Subject contract (last token, causal context). */
class SumaSubjectTest {
    private static final ByteLevelBpe GPT2 = ByteLevelBpe.bundledGpt2();

    /** The same block written out loop by loop: RMSNorm → causal MHA (no bias) → residual, repeated. */
    static float[][] plain(SumaSubject s, long[] ids) {
        SumaSubject.Config cfg = s.config();
        int c = cfg.width();
        int nh = cfg.heads();
        int hd = c / nh;
        int t = ids.length;
        float[][] w = s.projections();
        double[][] x = new double[t][c];
        for (int i = 0; i < t; i++) {
            float[] e = s.embedding(ids[i]);
            for (int j = 0; j < c; j++) {
                x[i][j] = e[j];
            }
        }
        for (int cycle = 0; cycle < cfg.cycles(); cycle++) {
            double[][] h = new double[t][c];
            for (int i = 0; i < t; i++) {
                double ms = 0;
                for (int j = 0; j < c; j++) {
                    ms += x[i][j] * x[i][j];
                }
                double r = 1 / Math.sqrt(ms / c + cfg.rmsEps());
                for (int j = 0; j < c; j++) {
                    h[i][j] = x[i][j] * r;
                }
            }
            double[][][] qkv = new double[3][t][c];
            for (int m = 0; m < 3; m++) {
                for (int i = 0; i < t; i++) {
                    for (int o = 0; o < c; o++) {
                        double acc = 0;
                        for (int j = 0; j < c; j++) {
                            acc += w[m][o * c + j] * h[i][j];
                        }
                        qkv[m][i][o] = acc;
                    }
                }
            }
            double[][] att = new double[t][c];
            for (int head = 0; head < nh; head++) {
                for (int i = 0; i < t; i++) {
                    double[] score = new double[i + 1];
                    double max = Double.NEGATIVE_INFINITY;
                    for (int j = 0; j <= i; j++) {
                        double dot = 0;
                        for (int d = 0; d < hd; d++) {
                            dot += qkv[0][i][head * hd + d] * qkv[1][j][head * hd + d];
                        }
                        score[j] = dot / Math.sqrt(hd);
                        max = Math.max(max, score[j]);
                    }
                    double sum = 0;
                    for (int j = 0; j <= i; j++) {
                        score[j] = Math.exp(score[j] - max);
                        sum += score[j];
                    }
                    for (int j = 0; j <= i; j++) {
                        for (int d = 0; d < hd; d++) {
                            att[i][head * hd + d] += score[j] / sum * qkv[2][j][head * hd + d];
                        }
                    }
                }
            }
            for (int i = 0; i < t; i++) {
                for (int o = 0; o < c; o++) {
                    double acc = 0;
                    for (int j = 0; j < c; j++) {
                        acc += w[3][o * c + j] * att[i][j];
                    }
                    x[i][o] += acc;
                }
            }
        }
        float[][] out = new float[t][c];
        for (int i = 0; i < t; i++) {
            for (int j = 0; j < c; j++) {
                out[i][j] = (float) x[i][j];
            }
        }
        return out;
    }

    @Test
    void blockMatchesThePlainTwinAndTheSubjectReadsLastTokensCausally() {
        try (NDManager manager = NDManager.newBaseManager();
             SumaSubject suma = new SumaSubject(new SumaSubject.Config(32, 8, 2, 1e-6, 2048), 42, GPT2, manager)) {
            String text = "The quick brown fox jumps";
            long[] ids = GPT2.encode(text).ids();
            float[][] fast = suma.forward(ids);
            float[][] ref = plain(suma, ids);
            for (int i = 0; i < ids.length; i++) {
                for (int j = 0; j < 32; j++) {
                    assertThat(fast[i][j]).isCloseTo(ref[i][j], within(1e-5f));
                }
            }
            var out = suma.digestText(List.of("The quick", "brown fox", "jumps")).layers().getFirst();
            assertThat(out.layer()).isEqualTo("suma.block");
            assertThat(out.row(2)).containsExactly(fast[ids.length - 1]);
            // Causal: the first parts' representations do not depend on what follows.
            var shorter = suma.digestText(List.of("The quick", "brown fox")).layers().getFirst();
            assertThat(shorter.row(1)).containsExactly(out.row(1));
            // Deterministic per seed, different across seeds.
            try (SumaSubject other = new SumaSubject(new SumaSubject.Config(32, 8, 2, 1e-6, 2048), 10, GPT2, manager)) {
                assertThat(other.digestText(List.of("The quick")).layers().getFirst().row(0)).isNotEqualTo(out.row(0));
            }
            // Windows: a 2-token window limit still gives one row per part.
            try (SumaSubject windowed = new SumaSubject(new SumaSubject.Config(32, 8, 2, 1e-6, 4), 42, GPT2, manager)) {
                assertThat(windowed.digestText(List.of("The quick", "brown fox", "jumps over the lazy dog")).layers().getFirst()
                        .parts()).isEqualTo(3);
            }
        }
    }
}
