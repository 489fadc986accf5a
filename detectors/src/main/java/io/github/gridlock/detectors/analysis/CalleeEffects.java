package io.github.gridlock.detectors.analysis;

import org.apache.bcel.generic.ConstantPoolGen;
import org.apache.bcel.generic.InvokeInstruction;

import java.util.Set;

/** What a call to analysed methods does to its caller's held locks (a {@code begin()}/{@code end()} pair). */
interface CalleeEffects {
    /** The summary of the single analysed target of the call, or null if none, several, or not yet known. */
    MethodSummary summaryForCall(InvokeInstruction call, ConstantPoolGen cpg);

    /** The summary of an analysed method (a lambda's body, for the closures a call is handed); empty when unknown. */
    MethodSummary summaryOf(edu.umd.cs.findbugs.classfile.MethodDescriptor method);

    /**
     * The locks every analysed target of the call returns holding, and those every target releases for its caller
     * (in the callee's terms): a lock handle's {@code lock()} and {@code close()} with several overrides agree.
     * Null when the call has no analysed target.
     */
    LockEffects lockEffectsOf(InvokeInstruction call, ConstantPoolGen cpg);

    /**
     * The begin/end effects of a call. A lock the call both gives back and returns holding is neither: the callee
     * unlocks its caller's hold around some work and locks it again ({@code unlock(); try { write(); } finally
     * { lock(); }}, H2's {@code RandomAccessStore.store(low, high)}), so the caller's hold count is as it was.
     */
    final class LockEffects {
        final Set<LockId> returnsHolding;
        final Set<LockId> releasesCallersLocks;

        /** A call that neither returns holding a lock nor releases one of its caller's. */
        static final LockEffects NONE = new LockEffects(Set.of(), Set.of());

        LockEffects(Set<LockId> returnsHolding, Set<LockId> releasesCallersLocks) {
            if (returnsHolding.isEmpty() || releasesCallersLocks.isEmpty()) {
                this.returnsHolding = returnsHolding;
                this.releasesCallersLocks = releasesCallersLocks;
                return;
            }
            Set<LockId> restored = new java.util.HashSet<>(returnsHolding);
            restored.retainAll(releasesCallersLocks);
            this.returnsHolding = without(returnsHolding, restored);
            this.releasesCallersLocks = without(releasesCallersLocks, restored);
        }

        private static Set<LockId> without(Set<LockId> locks, Set<LockId> restored) {
            if (restored.isEmpty()) {
                return locks;
            }
            Set<LockId> out = new java.util.LinkedHashSet<>(locks);
            out.removeAll(restored);
            return out;
        }

        boolean isEmpty() {
            return returnsHolding.isEmpty() && releasesCallersLocks.isEmpty();
        }
    }
}
