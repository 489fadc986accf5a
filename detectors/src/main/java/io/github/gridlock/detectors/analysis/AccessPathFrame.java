package io.github.gridlock.detectors.analysis;

import edu.umd.cs.findbugs.ba.DataflowAnalysisException;
import edu.umd.cs.findbugs.ba.Frame;
import org.apache.bcel.generic.ConstantPoolGen;
import org.apache.bcel.generic.InvokeInstruction;
import org.apache.bcel.generic.Type;

/** Locals and operand stack of a method, each slot holding the {@link AccessPath} of its value. */
public final class AccessPathFrame extends Frame<AccessPath> {
    public AccessPathFrame(int numLocals) {
        super(numLocals);
    }

    /** The receiver's path, or null for calls without one ({@code invokestatic}, {@code invokedynamic}). */
    public AccessPath receiver(InvokeInstruction call, ConstantPoolGen cpg) throws DataflowAnalysisException {
        if (call instanceof org.apache.bcel.generic.INVOKESTATIC || call instanceof org.apache.bcel.generic.INVOKEDYNAMIC) {
            return null;
        }
        return getInstance(call, cpg);
    }

    /** Access paths of a call's arguments (first argument first), read from the stack before the call. */
    public AccessPath[] arguments(InvokeInstruction call, ConstantPoolGen cpg) throws DataflowAnalysisException {
        Type[] types = call.getArgumentTypes(cpg);
        AccessPath[] args = new AccessPath[types.length];
        // Stack slots count long/double twice: walk from the top, mapping slots back to argument indexes.
        int slotFromTop = 0;
        for (int i = types.length - 1; i >= 0; i--) {
            slotFromTop += types[i].getSize();
            args[i] = getStackValue(slotFromTop - 1);
        }
        return args;
    }
}
