package org.brainalign.benchmarks.drivesuppress;

/**
 * A corpus sentence with the encoder's predicted response.
 *
 * @param text the sentence
 * @param source the corpus file
 * @param line the line it starts on (1-based)
 * @param position its index among all sentences read from the corpora (0-based), which breaks ties
 * @param predicted the predicted response
 */
public record Candidate(String text, String source, long line, long position, double predicted) {}
