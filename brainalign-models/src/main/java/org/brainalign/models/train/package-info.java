/**
 * Training of GPT-style language models on local text: a differentiable GPT-2 graph whose weights
 * export as a HuggingFace checkpoint, AdamW with a warm-up + cosine schedule and global-norm
 * clipping, resumable checkpoints, and the TopoLM spatial-smoothness loss (Rathi et al. 2025) over
 * units laid on a grid.
 *
 * <p>Shapes follow the legend of {@code org.brainalign.models.nn}; in addition {@code N} is the
 * number of (batch × token) rows, {@code K} the units in one neighbourhood and {@code S} the
 * neighbourhoods sampled per layer and step.
 */
package org.brainalign.models.train;
