package io.github.gridlock.detectors.completion;

import edu.umd.cs.findbugs.ba.BasicBlock;
import edu.umd.cs.findbugs.ba.CFGBuilderException;
import edu.umd.cs.findbugs.ba.ClassContext;
import edu.umd.cs.findbugs.ba.DataflowAnalysisException;
import edu.umd.cs.findbugs.ba.Edge;
import edu.umd.cs.findbugs.ba.Location;
import edu.umd.cs.findbugs.ba.type.ExceptionSet;
import edu.umd.cs.findbugs.ba.type.TypeDataflow;
import io.github.gridlock.detectors.analysis.AccessPath;
import io.github.gridlock.detectors.analysis.AccessPathFrame;
import io.github.gridlock.detectors.analysis.ConcurrencyApi;
import io.github.gridlock.detectors.analysis.MethodFacts;
import org.apache.bcel.classfile.Method;
import org.apache.bcel.generic.ATHROW;
import org.apache.bcel.generic.ConstantPoolGen;
import org.apache.bcel.generic.INVOKEDYNAMIC;
import org.apache.bcel.generic.Instruction;
import org.apache.bcel.generic.InstructionHandle;
import org.apache.bcel.generic.InvokeInstruction;

import java.util.HashMap;
import java.util.Map;

/**
 * Which exception exits of a method count as "an exception skipped the cleanup of a resource": a {@code throw}, or a
 * call that declares the exception it may raise ({@code get()}'s {@code ExecutionException}, an {@code IOException}).
 * Unchecked exceptions any call may raise ({@code RejectedExecutionException} of a fresh pool, an {@code Error}) are
 * not counted: reporting them would flag every resource not closed in {@code finally}. Neither is an exception from
 * the cleanup itself, nor from a call the resource was handed to (the callee owns it from there).
 */
final class ExceptionExits {
    private final ClassContext classContext;
    private final Method method;
    private final MethodFacts facts;
    private TypeDataflow types;
    private Map<Integer, Location> locationsByPc;

    ExceptionExits(ClassContext classContext, Method method, MethodFacts facts) {
        this.classContext = classContext;
        this.method = method;
        this.facts = facts;
    }

    /** True when {@code edge}, an exception edge to the exit, leaves with {@code resource} still in the method's hands. */
    boolean leaves(Edge edge, AccessPath resource) throws CFGBuilderException, DataflowAnalysisException {
        BasicBlock source = edge.getSource();
        if (!source.isExceptionThrower()) {
            return false;
        }
        InstructionHandle thrower = source.getExceptionThrower();
        Instruction ins = thrower.getInstruction();
        if (ins instanceof ATHROW) {
            return true;
        }
        if (!(ins instanceof InvokeInstruction) || ins instanceof INVOKEDYNAMIC) {
            return false;
        }
        InvokeInstruction call = (InvokeInstruction) ins;
        ConstantPoolGen cpg = facts.methodGen().getConstantPool();
        ConcurrencyApi.Entry effect = ConcurrencyApi.lookupResource(call, cpg);
        if (effect != null && effect.effect() == ConcurrencyApi.Effect.SHUTS_DOWN || takes(call, thrower, resource, cpg)) {
            return false;
        }
        ExceptionSet thrown = types().getAnalysis().getEdgeExceptionSet(edge);
        return thrown != null && thrown.containsExplicitExceptions();
    }

    /** True when the resource is an argument of the call (the receiver is not: using it is not handing it on). */
    private boolean takes(InvokeInstruction call, InstructionHandle at, AccessPath resource, ConstantPoolGen cpg)
            throws DataflowAnalysisException {
        Location location = locationOf(at);
        if (location == null) {
            return false;
        }
        AccessPathFrame frame = facts.pathsAt(location);
        if (!frame.isValid()) {
            return false;
        }
        for (AccessPath a : frame.arguments(call, cpg)) {
            if (resource.equals(a)) {
                return true;
            }
        }
        return false;
    }

    private Location locationOf(InstructionHandle handle) {
        if (locationsByPc == null) {
            locationsByPc = new HashMap<>();
            for (Location l : facts.locations()) {
                locationsByPc.putIfAbsent(l.getHandle().getPosition(), l);
            }
        }
        return locationsByPc.get(handle.getPosition());
    }

    private TypeDataflow types() throws CFGBuilderException, DataflowAnalysisException {
        if (types == null) {
            types = classContext.getTypeDataflow(method);
        }
        return types;
    }
}
