/**
 * Static word vectors in Stanford's GloVe text format: an index built in one validating pass, then
 * vectors read from the file on demand, so memory grows with the vocabulary's index, not its vectors.
 */
package org.brainalign.models.vectors;
