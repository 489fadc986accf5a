package io.github.gridlock.detectors.sharedstate;

import edu.umd.cs.findbugs.classfile.MethodDescriptor;
import io.github.gridlock.detectors.analysis.AccessPath;

/**
 * Names for locks that compare across methods, for GL_CHECK_THEN_ACT and GL_INCONSISTENT_GUARD: a static lock by
 * its name, a lock reached from the object whose field is accessed relative to that object ({@code B:@.lock}), any
 * other by its path in its method's class; {@link #UNKNOWN} for a lock the analysis cannot name (it may be any).
 */
final class LockKeys {
    static final String UNKNOWN = "?";

    private LockKeys() {
    }

    static String key(AccessPath lock, AccessPath base, MethodDescriptor method) {
        if (!lock.isKnown() || !lock.isStable()) {
            return UNKNOWN;
        }
        AccessPath root = lock.root();
        if (root.kind() == AccessPath.Kind.STATIC_FIELD || root.kind() == AccessPath.Kind.CLASS_LITERAL) {
            return "S:" + lock.describe();
        }
        if (base != null && lock.hasPrefix(base)) {
            return "B:" + suffix(lock, base);
        }
        return "M:" + method.getSlashedClassName() + ":" + lock.describe();
    }

    private static String suffix(AccessPath path, AccessPath base) {
        if (path.equals(base)) {
            return "@";
        }
        return suffix(path.base(), base) + "." + path.name();
    }
}
