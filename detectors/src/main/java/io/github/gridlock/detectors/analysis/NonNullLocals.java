package io.github.gridlock.detectors.analysis;

import org.apache.bcel.Const;
import org.apache.bcel.generic.ASTORE;
import org.apache.bcel.generic.ConstantPoolGen;
import org.apache.bcel.generic.INVOKESTATIC;
import org.apache.bcel.generic.Instruction;
import org.apache.bcel.generic.InstructionHandle;
import org.apache.bcel.generic.InvokeInstruction;
import org.apache.bcel.generic.LoadInstruction;
import org.apache.bcel.generic.MethodGen;
import org.apache.bcel.generic.ReferenceType;

import java.util.BitSet;

/**
 * Local variables that can never hold null: every store to them stores a new object, the result of a call
 * that returns its receiver (which was not null, or the call would have thrown), or a caught exception. javac's try-with-resources
 * tests its resource for null before {@code close()}; when the resource is such a local
 * ({@code try (AutoLock l = lock.lock())}), the branch where it is null is not a path, and the analyses
 * that follow paths drop it.
 */
final class NonNullLocals {
    private final BitSet nonNull = new BitSet();

    NonNullLocals(MethodGen methodGen, Getters getters) {
        if (methodGen.getInstructionList() == null) {
            return;
        }
        ConstantPoolGen cpg = methodGen.getConstantPool();
        BitSet stored = new BitSet();
        BitSet other = new BitSet();
        for (InstructionHandle h : methodGen.getInstructionList().getInstructionHandles()) {
            Instruction ins = h.getInstruction();
            if (ins instanceof ASTORE) {
                int slot = ((ASTORE) ins).getIndex();
                stored.set(slot);
                if (storesCaughtException(h)) {
                    continue;
                }
                if (h.getPrev() == null || !producesNonNull(h.getPrev().getInstruction(), cpg, getters) || h.hasTargeters()) {
                    other.set(slot);
                }
            }
        }
        nonNull.or(stored);
        nonNull.andNot(other);
        // Parameters and 'this' arrive from the caller: a store is not their only source.
        int firstLocal = (methodGen.isStatic() ? 0 : 1);
        for (org.apache.bcel.generic.Type t : methodGen.getArgumentTypes()) {
            firstLocal += t.getSize();
        }
        nonNull.clear(0, firstLocal);
    }

    /**
     * The {@code astore} that starts an exception handler stores the caught exception, never null (javac reuses the
     * slot of a try-with-resources resource for the {@code catch} parameter after it).
     */
    private static boolean storesCaughtException(InstructionHandle h) {
        if (!h.hasTargeters()) {
            return false;
        }
        boolean handler = false;
        for (org.apache.bcel.generic.InstructionTargeter t : h.getTargeters()) {
            if (t instanceof org.apache.bcel.generic.LineNumberGen || t instanceof org.apache.bcel.generic.LocalVariableGen) {
                continue; // debug information, not a way in
            }
            if (!(t instanceof org.apache.bcel.generic.CodeExceptionGen)
                    || ((org.apache.bcel.generic.CodeExceptionGen) t).getHandlerPC() != h) {
                return false;
            }
            handler = true;
        }
        return handler;
    }

    private static boolean producesNonNull(Instruction ins, ConstantPoolGen cpg, Getters getters) {
        if (!(ins instanceof InvokeInstruction) || ins instanceof INVOKESTATIC
                || ins instanceof org.apache.bcel.generic.INVOKEDYNAMIC) {
            return false;
        }
        InvokeInstruction call = (InvokeInstruction) ins;
        if ("<init>".equals(call.getMethodName(cpg))) {
            // new T(...) compiles to new, dup, <init>: what is stored next is the new object.
            return ins.getOpcode() == Const.INVOKESPECIAL;
        }
        if (!(call.getReturnType(cpg) instanceof ReferenceType)) {
            return false;
        }
        AccessPath returned = getters.returnedPath(call.getClassName(cpg), call.getMethodName(cpg), call.getSignature(cpg), false);
        return returned != null && returned.kind() == AccessPath.Kind.THIS;
    }

    /** True when the local in {@code slot} is never null where it is read. */
    boolean isNonNull(int slot) {
        return nonNull.get(slot);
    }

    /**
     * True when the branch {@code ifnull}/{@code ifnonnull} at {@code branch} tests a local that is never null,
     * so that its null side is not a path.
     */
    boolean testsNonNullLocal(InstructionHandle branch) {
        short op = branch.getInstruction().getOpcode();
        if (op != Const.IFNULL && op != Const.IFNONNULL || branch.getPrev() == null) {
            return false;
        }
        Instruction load = branch.getPrev().getInstruction();
        return load.getOpcode() >= Const.ALOAD_0 && load.getOpcode() <= Const.ALOAD_3 || load.getOpcode() == Const.ALOAD
                ? isNonNull(((LoadInstruction) load).getIndex()) : false;
    }
}
