package org.brainalign.core.subject;

/** The behavioural tasks a {@link Subject} can perform, as in Brain-Score Language. */
public enum Task {
    /** Predict the next word after each part (the argmax token at the end of the part). */
    NEXT_WORD,
    /** Report a reading-time proxy per part: surprisal in bits summed over the part's tokens. */
    READING_TIMES
}
