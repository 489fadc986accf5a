package io.github.gridlock.agent.runtime;

import java.lang.ref.WeakReference;

/**
 * Counts garbage collections as the reporter thread sees them: a weakly held sentinel object is cleared by the next
 * collection. Lets stacks be compacted only for edges whose locks survived one.
 */
final class GcEpochs {
    private static volatile int epoch;
    /** Only the reporter thread replaces it. */
    private static WeakReference<Object> sentinel = new WeakReference<>(new Object());

    private GcEpochs() {
    }

    static int current() {
        return epoch;
    }

    /** Reporter thread: true (and a new epoch) if a collection cleared the sentinel since the last call. */
    static boolean poll() {
        if (sentinel.get() != null) {
            return false;
        }
        sentinel = new WeakReference<>(new Object());
        epoch++;
        return true;
    }
}
