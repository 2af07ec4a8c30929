package org.brainalign.core.subject;

/** The behavioural tasks a {@link Subject} can perform, as in Brain-Score Language. */
public enum Task {
    /** Predict the next word after each part (the argmax token at the end of the part). */
    NEXT_WORD("next-word predictions"),
    /** Report a reading-time proxy per part: surprisal in bits summed over the part's tokens. */
    READING_TIMES("surprisal (next-word probabilities)");

    private final String words;

    Task(String words) {
        this.words = words;
    }

    /** What the task asks of a subject, in words for messages ("surprisal (next-word probabilities)"). */
    public String inWords() {
        return words;
    }
}
