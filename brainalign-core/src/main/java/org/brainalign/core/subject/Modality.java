package org.brainalign.core.subject;

/** The recording technique a neural benchmark simulates. */
public enum Modality {
    FMRI,
    ECOG
}
