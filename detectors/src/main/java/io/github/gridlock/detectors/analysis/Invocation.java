package io.github.gridlock.detectors.analysis;

import edu.umd.cs.findbugs.classfile.MethodDescriptor;

/**
 * A method the analysis knows will run, with its receiver and arguments in the terms of the method that
 * causes it to run: the target of a call, a lambda a helper runs, the task handed to an executor.
 */
public class Invocation {
    private final MethodDescriptor target;
    private final AccessPath receiver;
    private final AccessPath[] arguments;

    Invocation(MethodDescriptor target, AccessPath receiver, AccessPath[] arguments) {
        this.target = target;
        this.receiver = receiver;
        this.arguments = AccessPath.copyOf(arguments);
    }

    public MethodDescriptor target() {
        return target;
    }

    /** The receiver's path; null for static targets. */
    public AccessPath receiver() {
        return receiver;
    }

    public AccessPath[] arguments() {
        return AccessPath.copyOf(arguments);
    }

    /** A lock of the target, rewritten into the terms of the method that runs it. */
    public LockId map(LockId calleeLock) {
        return calleeLock.substitute(receiver, arguments);
    }

    /** A path of the target, rewritten into the terms of the method that runs it. */
    public AccessPath map(AccessPath calleePath) {
        return calleePath.substitute(receiver, arguments);
    }

    /**
     * A path of the method that runs the target, rewritten into the target's terms: the inverse of {@link #map}.
     * Paths rooted at the receiver or an argument become {@code this} or that parameter; static roots stay; others
     * have no name in the target (null).
     */
    public AccessPath inTargetTerms(AccessPath callerPath) {
        AccessPath root = callerPath.root();
        if (root.kind() == AccessPath.Kind.STATIC_FIELD || root.kind() == AccessPath.Kind.CLASS_LITERAL) {
            return callerPath;
        }
        if (receiver != null && receiver.isStable()) {
            AccessPath r = replacePrefix(callerPath, receiver, AccessPath.THIS);
            if (r != null) {
                return r;
            }
        }
        for (int i = 0; i < arguments.length; i++) {
            if (arguments[i] != null && arguments[i].isStable()) {
                AccessPath r = replacePrefix(callerPath, arguments[i], AccessPath.parameter(i));
                if (r != null) {
                    return r;
                }
            }
        }
        return null;
    }

    private static AccessPath replacePrefix(AccessPath path, AccessPath prefix, AccessPath replacement) {
        if (path.equals(prefix)) {
            return replacement;
        }
        if (path.kind() != AccessPath.Kind.FIELD) {
            return null;
        }
        AccessPath base = replacePrefix(path.base(), prefix, replacement);
        return base == null ? null : AccessPath.field(base, path.owner(), path.name());
    }

    /** {@code Spooler.flush()} for messages. */
    public String describeTarget() {
        return AccessPath.simpleName(target.getSlashedClassName().replace('/', '.')) + "." + target.getName() + "()";
    }
}
