package io.github.gridlock.detectors.lockorder;

import io.github.gridlock.detectors.analysis.CallFacts;
import io.github.gridlock.detectors.analysis.LockFacts;
import edu.umd.cs.findbugs.classfile.MethodDescriptor;
import io.github.gridlock.detectors.analysis.GlobalLock;
import io.github.gridlock.detectors.analysis.LockId;
import io.github.gridlock.detectors.analysis.MethodSummaries;
import io.github.gridlock.detectors.analysis.MethodSummary;

import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * For each method, the global locks it may take by blocking acquisitions, directly or through calls,
 * each with the path that takes it ({@code Ledger.post():17}) for messages. Memoised per method;
 * recursion is cut the same way as for summaries.
 */
final class ReachableLocks {

    /**
     * How a method reaches a lock: where it is finally acquired, whether it is a shared (read) hold,
     * and the lock in the method's own terms ({@code this.lock}, {@code param#0}; UNKNOWN when the call
     * chain loses track), so a caller can tell a re-entry of a lock it already holds.
     */
    static final class Reach {
        final String path;
        final LockFacts.AcquireMode mode;
        final boolean shared;
        final LockId local;

        Reach(String path, LockFacts.AcquireMode mode, boolean shared, LockId local) {
            this.path = path;
            this.mode = mode;
            this.shared = shared;
            this.local = local;
        }
    }

    private final MethodSummaries summaries;
    private final Map<MethodDescriptor, Map<GlobalLock, Reach>> memo = new HashMap<>();
    private final Set<MethodDescriptor> inProgress = new HashSet<>();

    ReachableLocks(MethodSummaries summaries) {
        this.summaries = summaries;
    }

    Map<GlobalLock, Reach> of(MethodDescriptor method) {
        Map<GlobalLock, Reach> cached = memo.get(method);
        if (cached != null) {
            return cached;
        }
        if (!inProgress.add(method)) {
            return Collections.emptyMap();
        }
        try {
            MethodSummary summary = summaries.summaryOf(method);
            Map<GlobalLock, Reach> out = new LinkedHashMap<>();
            String where = io.github.gridlock.detectors.analysis.MethodNames.describe(method) + ":";
            for (LockFacts.Acquisition a : summary.acquisitions()) {
                if (a.mode() == LockFacts.AcquireMode.TRY) {
                    continue;
                }
                GlobalLock lock = GlobalLock.of(a.lock(), method);
                if (lock != null) {
                    out.putIfAbsent(lock, new Reach(where + a.line(), a.mode(), a.lock().kind().isShared(), a.lock()));
                }
            }
            for (CallFacts.CallSite call : summary.calls()) {
                if (!call.isMonomorphic()) {
                    continue;
                }
                for (Map.Entry<GlobalLock, Reach> e : of(call.callee()).entrySet()) {
                    Reach inner = e.getValue();
                    out.putIfAbsent(e.getKey(), new Reach(where + call.line() + " -> " + inner.path, inner.mode, inner.shared,
                            inner.local.substitute(call.receiver(), call.arguments())));
                }
            }
            memo.put(method, out);
            return out;
        } finally {
            inProgress.remove(method);
        }
    }

    static String simpleClass(MethodDescriptor method) {
        String slashed = method.getSlashedClassName();
        return slashed.substring(slashed.lastIndexOf('/') + 1);
    }
}
