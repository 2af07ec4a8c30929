/**
 * Statistics of maps on a square grid of model units (TopoLM-style topography): Gaussian
 * smoothing, Moran's I spatial autocorrelation, and greedy region-growing clusters. Maps are
 * {@code double[row][column]}; NaN marks a cell without a value.
 */
package org.brainalign.core.topography;
