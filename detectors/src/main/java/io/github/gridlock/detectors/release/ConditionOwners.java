package io.github.gridlock.detectors.release;

import edu.umd.cs.findbugs.ba.ClassContext;
import io.github.gridlock.detectors.analysis.AccessPath;
import io.github.gridlock.detectors.analysis.FieldAccesses;
import io.github.gridlock.detectors.analysis.GridlockAnalysis;
import io.github.gridlock.detectors.analysis.LockId;
import io.github.gridlock.detectors.analysis.LockKind;
import io.github.gridlock.detectors.analysis.MethodSummary;
import org.apache.bcel.classfile.Method;

import java.util.Map;

/**
 * The lock a {@code Condition} belongs to. A condition made here ({@code lock.newCondition()}) names its lock in its
 * path; one kept in a field of this class ({@code this.notEmpty}) is owned by the lock every write of the field takes
 * it from ({@code notEmpty = lock.newCondition()} in a constructor or initializer). Null when that is not known: a
 * condition passed in, returned by a call, or written from different locks.
 */
final class ConditionOwners {
    /** The last segment of a condition's path: {@code x.newCondition()} is {@code x.<condition>}. */
    private static final String CONDITION = "<condition>";

    private ConditionOwners() {
    }

    static LockId ownerOf(ClassContext classContext, AccessPath condition) {
        if (condition.kind() != AccessPath.Kind.FIELD) {
            return null;
        }
        if (CONDITION.equals(condition.name())) {
            return LockId.forReceiver(condition, LockKind.LOCK);
        }
        if (condition.base() == null || condition.base().kind() != AccessPath.Kind.THIS
                || !condition.owner().equals(classContext.getJavaClass().getClassName())) {
            return null;
        }
        AccessPath made = null;
        for (Map.Entry<Method, MethodSummary> e : GridlockAnalysis.current().summariesOf(classContext).entrySet()) {
            for (FieldAccesses.Access a : e.getValue().fieldAccesses().accesses()) {
                if (!a.isWrite() || !a.field().getName().equals(condition.name())
                        || !a.field().getClassName().equals(condition.owner())) {
                    continue;
                }
                AccessPath stored = a.stored();
                if (stored == null || stored.kind() != AccessPath.Kind.FIELD || !CONDITION.equals(stored.name())
                        || made != null && !made.equals(stored) || e.getKey().isStatic()) {
                    return null;
                }
                made = stored;
            }
        }
        return made == null ? null : LockId.forReceiver(made, LockKind.LOCK);
    }
}
