package io.github.gridlock.detectors.analysis;

import edu.umd.cs.findbugs.ba.BasicBlock;
import edu.umd.cs.findbugs.ba.CFG;
import edu.umd.cs.findbugs.ba.Edge;
import org.apache.bcel.generic.ATHROW;
import org.apache.bcel.generic.ConstantPoolGen;
import org.apache.bcel.generic.INVOKESPECIAL;
import org.apache.bcel.generic.Instruction;
import org.apache.bcel.generic.InstructionHandle;
import org.apache.bcel.generic.InvokeInstruction;
import org.apache.bcel.generic.NEW;

import java.util.ArrayDeque;
import java.util.BitSet;
import java.util.Deque;
import java.util.Iterator;

/**
 * A precondition: {@code if (state == null) throw new IllegalStateException("call set() first");} before the method
 * did any work. The {@code throw} rejects the call (the caller broke the contract); it is not work that failed, so a
 * family that asks "can the work fail before X?" does not count it. Known when the thrown value is built right before
 * the {@code athrow} ({@code new E(...)}, the constructor of a {@link ConcurrencyApi.Effect#CONTRACT_EXCEPTION} row,
 * then {@code athrow}) and no path from the method's entry to it makes a call that may throw: only the calls that
 * build the exception and its message, and calls that cannot throw ({@link NonThrowingCalls}: an accessor, a
 * setter), may run before it. Field reads, comparisons and arithmetic are the guard. A {@code throw} after a catch,
 * or in a loop after any call, is not a precondition.
 */
public final class PreconditionThrows {
    /** How far back from the {@code athrow} the exception's {@code new} may be (its message may take a few calls). */
    private static final int MAX_CONSTRUCTION = 64;

    private PreconditionThrows() {
    }

    /** True when {@code thrower}, a block whose exception thrower is an {@code athrow}, throws a precondition. */
    public static boolean rejectsCall(MethodFacts facts, BasicBlock thrower) {
        InstructionHandle athrow = thrower.getExceptionThrower();
        if (athrow == null || !(athrow.getInstruction() instanceof ATHROW)) {
            return false;
        }
        ConstantPoolGen cpg = facts.methodGen().getConstantPool();
        int built = constructionStart(athrow, cpg);
        return built >= 0 && noThrowingCallBefore(facts, thrower, built, athrow.getPosition(), cpg);
    }

    /** The offset of the {@code new} of a contract exception thrown at {@code athrow}, or -1. */
    private static int constructionStart(InstructionHandle athrow, ConstantPoolGen cpg) {
        InstructionHandle init = athrow.getPrev();
        if (init == null || !(init.getInstruction() instanceof INVOKESPECIAL) || athrow.hasTargeters()) {
            return -1;
        }
        InvokeInstruction constructor = (InvokeInstruction) init.getInstruction();
        ConcurrencyApi.Entry api = ConcurrencyApi.lookupResource(constructor, cpg);
        if (!"<init>".equals(constructor.getMethodName(cpg)) || api == null
                || api.effect() != ConcurrencyApi.Effect.CONTRACT_EXCEPTION) {
            return -1;
        }
        String exception = constructor.getClassName(cpg);
        InstructionHandle h = init.getPrev();
        for (int i = 0; h != null && i < MAX_CONSTRUCTION; i++, h = h.getPrev()) {
            Instruction ins = h.getInstruction();
            if (ins instanceof NEW && exception.equals(((NEW) ins).getLoadClassType(cpg).getClassName())) {
                return h.getPosition();
            }
        }
        return -1;
    }

    /**
     * Every block from which the {@code athrow} can be reached (its guard, and everything run before it) makes no call
     * outside the exception's construction ({@code [from, to]}) that may throw.
     */
    private static boolean noThrowingCallBefore(MethodFacts facts, BasicBlock thrower, int from, int to,
            ConstantPoolGen cpg) {
        CFG cfg = facts.cfg();
        BitSet seen = new BitSet();
        Deque<BasicBlock> work = new ArrayDeque<>();
        work.add(thrower);
        seen.set(thrower.getLabel());
        while (!work.isEmpty()) {
            BasicBlock block = work.poll();
            if (block.isExceptionHandler()) {
                return false; // thrown after something failed: not a check before the work
            }
            for (Iterator<InstructionHandle> i = block.instructionIterator(); i.hasNext();) {
                InstructionHandle h = i.next();
                int pc = h.getPosition();
                if (h.getInstruction() instanceof InvokeInstruction && (pc < from || pc > to)
                        && !NonThrowingCalls.cannotThrow((InvokeInstruction) h.getInstruction(), cpg, facts.getters())) {
                    return false;
                }
            }
            for (Iterator<Edge> i = cfg.incomingEdgeIterator(block); i.hasNext();) {
                BasicBlock source = i.next().getSource();
                if (!seen.get(source.getLabel())) {
                    seen.set(source.getLabel());
                    work.add(source);
                }
            }
        }
        return true;
    }
}
