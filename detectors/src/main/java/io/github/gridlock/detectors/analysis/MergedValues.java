package io.github.gridlock.detectors.analysis;

import edu.umd.cs.findbugs.ba.BasicBlock;
import edu.umd.cs.findbugs.ba.Dataflow;
import edu.umd.cs.findbugs.ba.DataflowAnalysisException;
import edu.umd.cs.findbugs.ba.Edge;
import edu.umd.cs.findbugs.ba.Location;
import org.apache.bcel.generic.ConstantPoolGen;
import org.apache.bcel.generic.InstructionHandle;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Iterator;
import java.util.List;

/**
 * The paths a stack value may hold where the access-path analysis merged it to {@link AccessPath#UNKNOWN}: the value
 * each incoming edge brings ({@code pool.submit(afterAdd ? this.postFill : this.fill)} hands over one of two fields).
 * Followed back through blocks that leave the value untouched, to the blocks where each candidate was pushed. Empty
 * when one edge's value is itself unknown there, comes from an exception edge, or the walk is longer than
 * {@link #MAX_BLOCKS}: every candidate is known, or none is.
 */
final class MergedValues {
    private static final int MAX_BLOCKS = 16;

    private final Dataflow<AccessPathFrame, AccessPathAnalysis> paths;
    private final ConstantPoolGen cpg;
    private final List<AccessPath> found = new ArrayList<>();
    private final BitSet seen = new BitSet();

    private MergedValues(MethodFacts facts) {
        this.paths = facts.pathDataflow();
        this.cpg = facts.methodGen().getConstantPool();
    }

    /** The candidates for the stack value {@code slotFromTop} (0 = the top) before {@code location}. */
    static List<AccessPath> before(MethodFacts facts, Location location, int slotFromTop) throws DataflowAnalysisException {
        MergedValues m = new MergedValues(facts);
        AccessPathFrame frame = facts.pathsAt(location);
        if (!frame.isValid() || slotFromTop >= frame.getStackDepth()) {
            return List.of();
        }
        AccessPath value = frame.getStackValue(slotFromTop);
        if (value.isKnown()) {
            return List.of(value);
        }
        int fromBottom = frame.getStackDepth() - 1 - slotFromTop;
        return m.fromPredecessors(location.getBasicBlock(), location.getHandle(), fromBottom) ? List.copyOf(m.found) : List.of();
    }

    /**
     * Collects the value at stack index {@code fromBottom} that reaches {@code before} in {@code block} (null: its end)
     * from every predecessor; false when the block itself made or touched it, or a candidate is unknown.
     */
    private boolean fromPredecessors(BasicBlock block, InstructionHandle before, int fromBottom)
            throws DataflowAnalysisException {
        if (seen.get(block.getLabel()) || seen.cardinality() >= MAX_BLOCKS || block.isExceptionHandler()) {
            return false;
        }
        seen.set(block.getLabel());
        AccessPathFrame start = paths.getStartFact(block);
        if (!start.isValid() || fromBottom >= start.getStackDepth() || touches(block, before, fromBottom)) {
            return false;
        }
        boolean any = false;
        for (Iterator<Edge> i = paths.getCFG().incomingEdgeIterator(block); i.hasNext();) {
            Edge edge = i.next();
            if (edge.isExceptionEdge()) {
                return false;
            }
            any = true;
            AccessPathFrame end = paths.getResultFact(edge.getSource());
            if (!end.isValid() || fromBottom >= end.getStackDepth()) {
                return false;
            }
            AccessPath value = end.getStackValue(end.getStackDepth() - 1 - fromBottom);
            if (value.isKnown()) {
                if (!found.contains(value)) {
                    found.add(value);
                }
            } else if (!fromPredecessors(edge.getSource(), null, fromBottom)) {
                return false;
            }
        }
        return any;
    }

    /** True when an instruction of the block before {@code before} pops the stack down to index {@code fromBottom}. */
    private boolean touches(BasicBlock block, InstructionHandle before, int fromBottom) throws DataflowAnalysisException {
        for (Iterator<InstructionHandle> i = block.instructionIterator(); i.hasNext();) {
            InstructionHandle h = i.next();
            if (h == before) {
                return false;
            }
            AccessPathFrame frame = paths.getFactAtLocation(new Location(h, block));
            if (!frame.isValid() || frame.getStackDepth() - h.getInstruction().consumeStack(cpg) <= fromBottom) {
                return true;
            }
        }
        return false;
    }
}
