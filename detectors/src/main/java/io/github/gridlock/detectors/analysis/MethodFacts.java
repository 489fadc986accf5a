package io.github.gridlock.detectors.analysis;

import edu.umd.cs.findbugs.ba.BasicBlock;
import edu.umd.cs.findbugs.ba.CFG;
import edu.umd.cs.findbugs.ba.CFGBuilderException;
import edu.umd.cs.findbugs.ba.ClassContext;
import edu.umd.cs.findbugs.ba.Dataflow;
import edu.umd.cs.findbugs.ba.DataflowAnalysisException;
import edu.umd.cs.findbugs.ba.DepthFirstSearch;
import edu.umd.cs.findbugs.ba.Location;
import edu.umd.cs.findbugs.classfile.MethodDescriptor;
import org.apache.bcel.classfile.LineNumberTable;
import org.apache.bcel.classfile.Method;
import org.apache.bcel.generic.MethodGen;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The per-instruction facts of one method: access paths and held locks. Built once per method and
 * kept in the {@link ClassContext}'s method-analysis cache, which SpotBugs drops when it has finished
 * with the class, so memory does not grow with the size of the program.
 */
public final class MethodFacts {
    private final ClassContext classContext;
    private final Method method;
    private final MethodGen methodGen;
    private final CFG cfg;
    private final Dataflow<AccessPathFrame, AccessPathAnalysis> paths;
    private final Dataflow<HeldLockSet, HeldLocksAnalysis> heldLocks;
    private List<Location> locations;
    private java.util.BitSet blocksInLoops;

    private MethodFacts(ClassContext classContext, Method method, MethodGen methodGen, CFG cfg,
            Dataflow<AccessPathFrame, AccessPathAnalysis> paths, Dataflow<HeldLockSet, HeldLocksAnalysis> heldLocks) {
        this.classContext = classContext;
        this.method = method;
        this.methodGen = methodGen;
        this.cfg = cfg;
        this.paths = paths;
        this.heldLocks = heldLocks;
    }

    /**
     * The facts of {@code method}, or null when the method has no code or SpotBugs cannot build its
     * CFG (SpotBugs itself reports why, once).
     */
    static MethodFacts compute(ClassContext classContext, Method method, Getters getters, CalleeEffects callees)
            throws CFGBuilderException, DataflowAnalysisException {
        MethodGen methodGen = classContext.getMethodGen(method);
        if (methodGen == null) {
            return null;
        }
        CFG cfg = classContext.getCFG(method);
        DepthFirstSearch dfs = classContext.getDepthFirstSearch(method);
        Dataflow<AccessPathFrame, AccessPathAnalysis> paths =
                new Dataflow<>(cfg, new AccessPathAnalysis(methodGen, dfs, getters, new LambdaSites(classContext.getJavaClass())));
        paths.execute();
        Dataflow<HeldLockSet, HeldLocksAnalysis> held =
                new Dataflow<>(cfg, new HeldLocksAnalysis(methodGen, dfs, paths, callees, new NonNullLocals(methodGen, getters)));
        held.execute();
        return new MethodFacts(classContext, method, methodGen, cfg, paths, held);
    }

    public ClassContext classContext() {
        return classContext;
    }

    public Method method() {
        return method;
    }

    public MethodGen methodGen() {
        return methodGen;
    }

    public CFG cfg() {
        return cfg;
    }

    public MethodDescriptor descriptor() {
        return MethodSummaries.descriptorOf(classContext, method);
    }

    /** Access paths of locals and stack before {@code location}. */
    public AccessPathFrame pathsAt(Location location) throws DataflowAnalysisException {
        return paths.getFactAtLocation(location);
    }

    /** Locks held before {@code location}, outermost first. */
    public HeldLockSet heldAt(Location location) throws DataflowAnalysisException {
        return heldLocks.getFactAtLocation(location);
    }

    /** Locks held when the method leaves along {@code block} (the CFG's exit is reached from it). */
    public HeldLockSet heldAtEndOf(BasicBlock block) {
        return heldLocks.getResultFact(block);
    }

    /** Every location in bytecode order. */
    public List<Location> locations() {
        if (locations == null) {
            List<Location> out = new ArrayList<>();
            for (Iterator<Location> i = cfg.locationIterator(); i.hasNext();) {
                out.add(i.next());
            }
            out.sort((a, b) -> Integer.compare(a.getHandle().getPosition(), b.getHandle().getPosition()));
            locations = java.util.Collections.unmodifiableList(out);
        }
        return locations;
    }

    /** True when {@code location} can run more than once in one call: its block is on a cycle of the CFG. */
    public boolean inLoop(Location location) {
        if (blocksInLoops == null) {
            blocksInLoops = Loops.blocksOnCycles(cfg);
        }
        return blocksInLoops.get(location.getBasicBlock().getLabel());
    }

    /** Source line of a bytecode offset, or -1. */
    public int lineOf(int pc) {
        LineNumberTable lines = method.getLineNumberTable();
        return lines == null || pc < 0 ? -1 : lines.getSourceLine(pc);
    }
}
