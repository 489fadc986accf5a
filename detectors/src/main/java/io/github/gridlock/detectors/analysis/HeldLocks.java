package io.github.gridlock.detectors.analysis;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Small operations on held-lock stacks (outermost first) that several summary parts need. */
final class HeldLocks {
    private HeldLocks() {
    }

    /** The caller's stack followed by the callee's, without repeating a lock the caller holds already. */
    static List<HeldLock> concat(List<HeldLock> outer, List<HeldLock> inner) {
        if (inner.isEmpty()) {
            return outer;
        }
        List<HeldLock> out = new ArrayList<>(outer);
        for (HeldLock h : inner) {
            if (find(out, h.lock()) == null) {
                out.add(h);
            }
        }
        return Collections.unmodifiableList(out);
    }

    /** A callee's stack in the caller's terms; locks that have no name in the caller are kept, unknown. */
    static List<HeldLock> map(List<HeldLock> calleeHeld, Invocation call) {
        if (calleeHeld.isEmpty()) {
            return calleeHeld;
        }
        List<HeldLock> out = new ArrayList<>(calleeHeld.size());
        for (HeldLock h : calleeHeld) {
            out.add(h.withLock(call.map(h.lock())));
        }
        return out;
    }

    static HeldLock find(List<HeldLock> held, LockId lock) {
        for (int i = held.size() - 1; i >= 0; i--) {
            if (held.get(i).lock().equals(lock)) {
                return held.get(i);
            }
        }
        return null;
    }
}
