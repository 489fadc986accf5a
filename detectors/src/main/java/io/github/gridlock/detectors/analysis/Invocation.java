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
        this.arguments = arguments.clone();
    }

    public MethodDescriptor target() {
        return target;
    }

    /** The receiver's path; null for static targets. */
    public AccessPath receiver() {
        return receiver;
    }

    public AccessPath[] arguments() {
        return arguments.clone();
    }

    /** A lock of the target, rewritten into the terms of the method that runs it. */
    public LockId map(LockId calleeLock) {
        return calleeLock.substitute(receiver, arguments);
    }

    /** A path of the target, rewritten into the terms of the method that runs it. */
    public AccessPath map(AccessPath calleePath) {
        return calleePath.substitute(receiver, arguments);
    }

    /** {@code Spooler.flush()} for messages. */
    public String describeTarget() {
        return AccessPath.simpleName(target.getSlashedClassName().replace('/', '.')) + "." + target.getName() + "()";
    }
}
