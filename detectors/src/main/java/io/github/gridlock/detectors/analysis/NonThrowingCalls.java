package io.github.gridlock.detectors.analysis;

import org.apache.bcel.generic.ConstantPoolGen;
import org.apache.bcel.generic.INVOKEDYNAMIC;
import org.apache.bcel.generic.INVOKEINTERFACE;
import org.apache.bcel.generic.INVOKESTATIC;
import org.apache.bcel.generic.INVOKEVIRTUAL;
import org.apache.bcel.generic.InvokeInstruction;

/**
 * Calls of the program's own code that cannot end with an exception of their own: javac's {@code access$NNN}
 * bridges of an inner class, field setters and flag getters (the method makes no call and has no {@code throw},
 * {@link Getters#throwsNothing}), trivial accessors ({@code return this.x;}, {@link Getters#returnedPath}), and
 * {@code invokedynamic} (a lambda or a string concatenation is made; nothing of the program runs). Only an
 * {@link Error} or an implicit exception of a field access could leave them, which no family's paths count as a
 * failure of the work. A call that may be dispatched to an override (neither static, private nor final) is not
 * known. {@code AcquireStates} has the same notion, with the JDK calls it knows on top.
 */
public final class NonThrowingCalls {
    private NonThrowingCalls() {
    }

    /** True when the call is known to raise nothing of its own. */
    public static boolean cannotThrow(InvokeInstruction call, ConstantPoolGen cpg, Getters getters) {
        if (call instanceof INVOKEDYNAMIC) {
            return true;
        }
        String owner = call.getClassName(cpg);
        String name = call.getMethodName(cpg);
        String sig = call.getSignature(cpg);
        boolean dispatched = call instanceof INVOKEVIRTUAL || call instanceof INVOKEINTERFACE;
        if (getters.throwsNothing(owner, name, sig, dispatched)) {
            return true;
        }
        AccessPath returned = getters.returnedPath(owner, name, sig, call instanceof INVOKESTATIC);
        // A field accessor cannot throw; a method that returns its receiver may call anything first.
        return returned != null && returned.kind() != AccessPath.Kind.THIS;
    }
}
