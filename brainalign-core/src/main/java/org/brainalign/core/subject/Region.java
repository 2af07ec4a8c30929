package org.brainalign.core.subject;

/** Brain regions a neural benchmark records from; a model commits layers to each. */
public enum Region {
    LANGUAGE_SYSTEM,
    LANGUAGE_SYSTEM_LEFT_HEMISPHERE,
    LANGUAGE_SYSTEM_RIGHT_HEMISPHERE
}
