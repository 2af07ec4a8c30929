package org.brainalign.models.nn;

import org.brainalign.core.runtime.ThreadPolicy;

/**
 * Applies a {@link ThreadPolicy} to libtorch: intra-op threads as the policy says, one inter-op
 * thread (brainalign runs one forward pass at a time). Set before the engine starts (DJL reads
 * {@code ai.djl.pytorch.num_threads} and {@code ai.djl.pytorch.num_interop_threads} then); when it
 * is already running, the intra-op count is changed in place.
 */
public final class TorchThreads {
    private static boolean appliedBefore;

    private TorchThreads() {}

    public static synchronized void apply(ThreadPolicy policy) {
        System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(policy.threads()));
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        if (appliedBefore) {
            // a later command in the same JVM (tests): the engine may be running already
            ai.djl.engine.Engine.getEngine("PyTorch");
            ai.djl.pytorch.jni.JniUtils.setNumThreads(policy.threads());
        }
        appliedBefore = true;
    }

    /** The intra-op threads libtorch uses now (starts the engine). */
    public static int inUse() {
        ai.djl.engine.Engine.getEngine("PyTorch");
        return ai.djl.pytorch.jni.JniUtils.getNumThreads();
    }
}
