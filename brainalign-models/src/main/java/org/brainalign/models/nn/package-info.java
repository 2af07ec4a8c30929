/**
 * Transformer forward passes on DJL/PyTorch, one class per family, each reproducing HuggingFace's
 * float32 outputs.
 *
 * <p>Shape legend used in every comment of this package: {@code B} batch, {@code T} tokens,
 * {@code C} hidden size, {@code NH} attention heads, {@code NKV} key/value heads, {@code HD} head
 * width ({@code C / NH}), {@code F} feed-forward width, {@code V} vocabulary, {@code L} layers.
 */
package org.brainalign.models.nn;
