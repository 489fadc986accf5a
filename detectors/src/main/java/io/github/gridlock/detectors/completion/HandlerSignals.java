package io.github.gridlock.detectors.completion;

import edu.umd.cs.findbugs.ba.BasicBlock;
import edu.umd.cs.findbugs.ba.CFG;
import edu.umd.cs.findbugs.ba.CFGBuilderException;
import edu.umd.cs.findbugs.ba.ClassContext;
import edu.umd.cs.findbugs.ba.DataflowAnalysisException;
import edu.umd.cs.findbugs.ba.Location;
import edu.umd.cs.findbugs.ba.vna.ValueNumber;
import edu.umd.cs.findbugs.ba.vna.ValueNumberDataflow;
import edu.umd.cs.findbugs.ba.vna.ValueNumberFrame;
import io.github.gridlock.detectors.analysis.AccessPath;
import io.github.gridlock.detectors.analysis.AccessPathFrame;
import io.github.gridlock.detectors.analysis.CallFacts;
import io.github.gridlock.detectors.analysis.GridlockAnalysis;
import io.github.gridlock.detectors.analysis.MethodFacts;
import org.apache.bcel.classfile.Method;
import org.apache.bcel.generic.ConstantPoolGen;
import org.apache.bcel.generic.INVOKEDYNAMIC;
import org.apache.bcel.generic.INVOKESTATIC;
import org.apache.bcel.generic.InvokeInstruction;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Catch handlers that pass the failure on to code that signals: {@code catch (Exception e) { handleError(e); }} where
 * {@code handleError} completes the future exceptionally (on some of its paths; on others it retries, and the retry
 * completes it later). The handler is then the waiter's failure path, written on purpose, as a signal in the handler
 * itself would be. Known when a call in handler code receives the caught exception or the waiter itself as an
 * argument, and the called method signals the waiter (in its own terms) itself or one call further down
 * ({@link SignalledWaiters}).
 */
final class HandlerSignals {
    /** The handler's call and the method it calls: {@code handleError(e)} -> {@code fail(e)} -> {@code completeExceptionally}. */
    private static final int DEPTH = 2;

    private final ClassContext classContext;
    private final Method method;
    private final MethodFacts facts;
    private List<Location> handlerCalls;
    private ValueNumberDataflow values;
    private Set<Integer> caught;

    HandlerSignals(ClassContext classContext, Method method, MethodFacts facts) {
        this.classContext = classContext;
        this.method = method;
        this.facts = facts;
    }

    /** True when a catch handler of the method hands the exception or {@code waiter} to a method that signals it. */
    boolean passOnToSignal(AccessPath waiter) throws DataflowAnalysisException {
        List<CallFacts.CallSite> sites = null;
        for (Location call : handlerCalls()) {
            if (!passesOn(call, waiter)) {
                continue;
            }
            if (sites == null) {
                sites = GridlockAnalysis.current().summary(classContext, method).calls();
            }
            int pc = call.getHandle().getPosition();
            for (CallFacts.CallSite site : sites) {
                if (site.pc() != pc) {
                    continue;
                }
                AccessPath inCallee = site.invocation().inTargetTerms(waiter);
                if (inCallee != null && SignalledWaiters.signalsWithin(GridlockAnalysis.current().summaries(),
                        site.callee(), inCallee, DEPTH)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The calls of the method's own code in blocks only an exception reaches. */
    private List<Location> handlerCalls() {
        if (handlerCalls == null) {
            handlerCalls = new ArrayList<>();
            BitSet normal = TaskFailures.normalCode(facts.cfg());
            for (Location l : facts.locations()) {
                if (l.getHandle().getInstruction() instanceof InvokeInstruction
                        && !(l.getHandle().getInstruction() instanceof INVOKEDYNAMIC)
                        && !normal.get(l.getBasicBlock().getLabel())) {
                    handlerCalls.add(l);
                }
            }
        }
        return handlerCalls;
    }

    /** The call's arguments (not its receiver) include the waiter or an exception a handler caught. */
    private boolean passesOn(Location call, AccessPath waiter) throws DataflowAnalysisException {
        InvokeInstruction ins = (InvokeInstruction) call.getHandle().getInstruction();
        ConstantPoolGen cpg = facts.methodGen().getConstantPool();
        AccessPathFrame paths = facts.pathsAt(call);
        if (paths.isValid()) {
            for (AccessPath a : paths.arguments(ins, cpg)) {
                if (waiter.equals(a)) {
                    return true;
                }
            }
        }
        ValueNumberFrame frame = valuesAt(call);
        if (frame == null || !frame.isValid()) {
            return false;
        }
        int argumentWords = ins.consumeStack(cpg) - (ins instanceof INVOKESTATIC ? 0 : 1);
        for (int slot = 0; slot < argumentWords && slot < frame.getStackDepth(); slot++) {
            if (caught().contains(frame.getStackValue(slot).getNumber())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The value numbers of the exceptions the method's handlers catch: the one value on the stack where each handler
     * begins (its block also holds the handler's first instructions, so not the block's end).
     */
    private Set<Integer> caught() throws DataflowAnalysisException {
        if (caught == null) {
            caught = new HashSet<>();
            CFG cfg = values().getCFG();
            for (Iterator<BasicBlock> i = cfg.blockIterator(); i.hasNext();) {
                BasicBlock b = i.next();
                if (!b.isExceptionHandler()) {
                    continue;
                }
                ValueNumberFrame atHandler = values().getStartFact(b);
                if (atHandler.isValid() && atHandler.getStackDepth() > 0) {
                    ValueNumber exception = atHandler.getTopValue();
                    caught.add(exception.getNumber());
                }
            }
        }
        return caught;
    }

    /** The value numbers before {@code call}, in the CFG the value-number dataflow was built on (matched by label). */
    private ValueNumberFrame valuesAt(Location call) throws DataflowAnalysisException {
        CFG cfg = values().getCFG();
        BasicBlock block = cfg.lookupBlockByLabel(call.getBasicBlock().getLabel());
        if (block == null) {
            return null;
        }
        for (Iterator<org.apache.bcel.generic.InstructionHandle> i = block.instructionIterator(); i.hasNext();) {
            org.apache.bcel.generic.InstructionHandle h = i.next();
            if (h.getPosition() == call.getHandle().getPosition()) {
                return values().getFactAtLocation(new Location(h, block));
            }
        }
        return null;
    }

    private ValueNumberDataflow values() throws DataflowAnalysisException {
        if (values == null) {
            try {
                values = classContext.getValueNumberDataflow(method);
            } catch (CFGBuilderException e) {
                throw new DataflowAnalysisException("no value numbers for " + method.getName(), e);
            }
        }
        return values;
    }
}
