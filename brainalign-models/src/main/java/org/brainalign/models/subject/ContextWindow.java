package org.brainalign.models.subject;

/**
 * How a call longer than the model's context is cut into forward passes.
 *
 * <p>The token sequence of one {@code digestText} call is covered by windows of at most
 * {@code maxTokens} tokens. The first window holds tokens {@code [0, W)}; each next window ends
 * {@code stride} tokens later and starts {@code W} tokens before its end. A token's hidden state and
 * its surprisal come from the window in which it is new, so every token sees at least
 * {@code W − stride} and at most {@code W − 1} tokens of left context, and the call costs about
 * {@code n / stride} forward passes of {@code W} tokens instead of one pass per part.
 * {@code stride = 1} reproduces Brain-Score Language's exact left-truncated context (each token
 * sees the {@code W − 1} tokens before it) at {@code n} passes; the default is {@code W / 2}.
 *
 * @param maxTokens window length; 0 means the model's maximum
 * @param stride new tokens per window after the first; 0 means half the window
 */
public record ContextWindow(int maxTokens, int stride) {

    public ContextWindow {
        if (maxTokens < 0 || stride < 0) {
            throw new IllegalArgumentException("context window: maxTokens and stride must be ≥ 0, found " + maxTokens + ", " + stride);
        }
        if (maxTokens > 0 && stride > maxTokens) {
            throw new IllegalArgumentException("context window: stride " + stride + " exceeds the window of " + maxTokens);
        }
    }

    /** The model's full context, stride half of it. */
    public static ContextWindow defaults() {
        return new ContextWindow(0, 0);
    }

    /** The window length for a model accepting {@code modelMax} tokens. */
    public int length(int modelMax) {
        return maxTokens == 0 ? modelMax : Math.min(maxTokens, modelMax);
    }

    /** The stride for a model accepting {@code modelMax} tokens. */
    public int strideFor(int modelMax) {
        int w = length(modelMax);
        return stride == 0 ? Math.max(1, w / 2) : Math.min(stride, w);
    }
}
