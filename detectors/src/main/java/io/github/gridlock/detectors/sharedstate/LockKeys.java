package io.github.gridlock.detectors.sharedstate;

import edu.umd.cs.findbugs.classfile.MethodDescriptor;
import edu.umd.cs.findbugs.ba.XField;
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

    /**
     * The key of {@code lock} as the inner-class object's own code names it, for an access of a field of an inner class
     * ({@code Outer$Blocker}) made in a method of its outer class ({@code Outer}) on some {@code base}, with a lock
     * held on the outer object ({@code this._lock}): inside the inner class that lock is {@code this.this$0._lock},
     * key {@code B:@.this$0._lock}. Assumes the inner object belongs to this outer object (javac's {@code this$0} is
     * the object that created it); null when the shape does not apply.
     */
    static String throughOuterInstance(AccessPath lock, AccessPath base, XField field, MethodDescriptor method) {
        if (base == null || base.kind() == AccessPath.Kind.THIS || !lock.isKnown() || !lock.isStable()
                || lock.root().kind() != AccessPath.Kind.THIS) {
            return null;
        }
        String outer = method.getClassDescriptor().getDottedClassName();
        String inner = field.getClassName();
        if (!inner.startsWith(outer + "$") || inner.indexOf('$', outer.length() + 1) >= 0) {
            return null;
        }
        return "B:" + suffix(lock, AccessPath.THIS).replaceFirst("^@", "@.this\\$0");
    }

    private static String suffix(AccessPath path, AccessPath base) {
        if (path.equals(base)) {
            return "@";
        }
        return suffix(path.base(), base) + "." + path.name();
    }
}
