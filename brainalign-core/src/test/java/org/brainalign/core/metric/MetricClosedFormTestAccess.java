package org.brainalign.core.metric;

import org.brainalign.core.assembly.Assembly;
import org.brainalign.core.linalg.DMatrix;

/** Lets tests in other packages build the closed-form test's assemblies and Gaussian matrices. */
public final class MetricClosedFormTestAccess {
    private MetricClosedFormTestAccess() {}

    public static Assembly assembly(DMatrix y, int groups) {
        return MetricClosedFormTest.assembly(y, groups);
    }

    public static DMatrix gaussian(int rows, int cols, long seed) {
        return MetricClosedFormTest.gaussian(rows, cols, seed);
    }
}
