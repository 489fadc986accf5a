package io.github.gridlock.detectors.analysis;

import edu.umd.cs.findbugs.ba.BasicBlock;
import edu.umd.cs.findbugs.ba.DataflowAnalysisException;
import edu.umd.cs.findbugs.ba.DepthFirstSearch;
import edu.umd.cs.findbugs.ba.Edge;
import edu.umd.cs.findbugs.ba.FrameDataflowAnalysis;
import edu.umd.cs.findbugs.ba.Location;
import org.apache.bcel.Const;
import org.apache.bcel.generic.InstructionHandle;
import org.apache.bcel.generic.MethodGen;
import org.apache.bcel.generic.Type;

/**
 * Forward dataflow giving, at every instruction, the {@link AccessPath} of each local and stack
 * slot. Paths that differ on two incoming edges merge to UNKNOWN: the analysis never guesses which
 * of two objects a reference denotes.
 */
public final class AccessPathAnalysis extends FrameDataflowAnalysis<AccessPath, AccessPathFrame> {
    private final MethodGen methodGen;
    private final AccessPathVisitor visitor;

    public AccessPathAnalysis(MethodGen methodGen, DepthFirstSearch dfs, Getters getters, LambdaSites lambdas) {
        super(dfs);
        this.methodGen = methodGen;
        this.visitor = new AccessPathVisitor(methodGen.getConstantPool(), getters, lambdas);
    }

    @Override
    public AccessPathFrame createFact() {
        return new AccessPathFrame(methodGen.getMaxLocals());
    }

    @Override
    public void initEntryFact(AccessPathFrame fact) {
        fact.setValid();
        fact.clearStack();
        for (int i = 0; i < fact.getNumLocals(); i++) {
            fact.setValue(i, AccessPath.UNKNOWN);
        }
        int slot = 0;
        if (!methodGen.isStatic()) {
            fact.setValue(slot++, AccessPath.THIS);
        }
        Type[] params = methodGen.getArgumentTypes();
        for (int i = 0; i < params.length && slot < fact.getNumLocals(); i++) {
            fact.setValue(slot, AccessPath.parameter(i));
            slot += params[i].getSize();
        }
    }

    @Override
    public void transferInstruction(InstructionHandle handle, BasicBlock basicBlock, AccessPathFrame fact)
            throws DataflowAnalysisException {
        visitor.setFrameAndLocation(fact, new Location(handle, basicBlock));
        visitor.analyzeInstruction(handle.getInstruction());
    }

    @Override
    public void meetInto(AccessPathFrame fact, Edge edge, AccessPathFrame result) throws DataflowAnalysisException {
        if (fact.isValid() && edge.getTarget().isExceptionHandler()) {
            AccessPathFrame handlerFact = createFact();
            handlerFact.copyFrom(fact);
            handlerFact.clearStack();
            handlerFact.pushValue(AccessPath.UNKNOWN);
            fact = handlerFact;
        }
        mergeInto(fact, result);
    }

    @Override
    protected void mergeValues(AccessPathFrame otherFrame, AccessPathFrame resultFrame, int slot) {
        AccessPath mine = resultFrame.getValue(slot);
        AccessPath other = otherFrame.getValue(slot);
        if (!mine.equals(other)) {
            resultFrame.setValue(slot, AccessPath.UNKNOWN);
        }
    }

    /** Whether the method's monitor is held on entry (ACC_SYNCHRONIZED), and on which path. */
    static AccessPath implicitMonitor(MethodGen methodGen) {
        if ((methodGen.getAccessFlags() & Const.ACC_SYNCHRONIZED) == 0) {
            return null;
        }
        return methodGen.isStatic() ? AccessPath.classLiteral(methodGen.getClassName()) : AccessPath.THIS;
    }
}
