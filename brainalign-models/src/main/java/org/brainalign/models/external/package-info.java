/**
 * Models that ran elsewhere: their per-word or per-token surprisals, read from a file and aligned to
 * the words a benchmark presents, so any surprisal-based benchmark can score them.
 */
package org.brainalign.models.external;
