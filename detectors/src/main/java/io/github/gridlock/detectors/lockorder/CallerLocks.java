package io.github.gridlock.detectors.lockorder;

import edu.umd.cs.findbugs.ba.XFactory;
import edu.umd.cs.findbugs.ba.XMethod;
import edu.umd.cs.findbugs.classfile.MethodDescriptor;
import io.github.gridlock.detectors.analysis.FieldFacts;
import io.github.gridlock.detectors.analysis.LockId;
import io.github.gridlock.detectors.analysis.ProgramFacts;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The locks every caller holds around every call of a method (in the method's terms), for the lock-order family's
 * gate and re-entry rules. {@link FieldFacts#heldByEveryCaller} answers for private and synthetic methods; this
 * widens it to package-private and protected methods, whose callers the analysis sees too when it reads the whole
 * library ({@code FilteredLogTableModel.trimOldestRecords}, protected, runs only from the synchronized
 * {@code addLogRecord}). Assumed for protected methods: no subclass outside the analysed code calls them. Public
 * methods, and methods nothing analysed calls, get the empty set.
 */
final class CallerLocks {
    private final ProgramFacts program;
    private final FieldFacts fieldFacts;
    private final Map<MethodDescriptor, Set<LockId>> memo = new HashMap<>();
    private final Set<MethodDescriptor> inProgress = new HashSet<>();

    CallerLocks(ProgramFacts program, FieldFacts fieldFacts) {
        this.program = program;
        this.fieldFacts = fieldFacts;
    }

    Set<LockId> heldByEveryCaller(MethodDescriptor method) {
        XMethod xm = XFactory.createXMethod(method);
        if (xm.isPrivate() || xm.isSynthetic() || method.getName().startsWith("access$")) {
            return fieldFacts.heldByEveryCaller(method);
        }
        if (xm.isPublic()) {
            return Set.of();
        }
        Set<LockId> cached = memo.get(method);
        if (cached != null) {
            return cached;
        }
        if (!inProgress.add(method)) {
            return Set.of();
        }
        try {
            Set<LockId> result = compute(method);
            if (!result.isEmpty() || inProgress.size() == 1) {
                memo.put(method, result); // an empty set found inside a call cycle may grow once the cycle is known
            }
            return result;
        } finally {
            inProgress.remove(method);
        }
    }

    private Set<LockId> compute(MethodDescriptor method) {
        List<ProgramFacts.Caller> callers = program.callersOf(method);
        if (callers.isEmpty()) {
            return Set.of();
        }
        return ProgramFacts.heldAtEveryCall(callers, this::heldByEveryCaller);
    }
}
