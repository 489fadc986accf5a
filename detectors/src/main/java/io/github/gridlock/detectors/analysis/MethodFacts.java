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
    private final Getters getters;
    /** Null when {@link #cfg} is SpotBugs' own (pruned) CFG; else the search over the CFG these facts built. */
    private final DepthFirstSearch ownSearch;
    private List<Location> locations;
    private MethodDescriptor descriptor;
    private java.util.BitSet blocksInLoops;
    /** Labels of the blocks both dataflows reached; filled on the first {@link #analysedIn} question. */
    private java.util.BitSet analysedBlocks;
    private int[] loopComponents;
    private java.util.BitSet postDominatorsOfEntry;
    private edu.umd.cs.findbugs.ba.constant.ConstantDataflow constants;
    private edu.umd.cs.findbugs.ba.vna.ValueNumberDataflow valueNumbers;

    private MethodFacts(ClassContext classContext, Method method, MethodGen methodGen, CFG cfg,
            Dataflow<AccessPathFrame, AccessPathAnalysis> paths, Dataflow<HeldLockSet, HeldLocksAnalysis> heldLocks,
            Getters getters, DepthFirstSearch ownSearch) {
        this.classContext = classContext;
        this.method = method;
        this.methodGen = methodGen;
        this.cfg = cfg;
        this.paths = paths;
        this.heldLocks = heldLocks;
        this.getters = getters;
        this.ownSearch = ownSearch;
    }

    /** The analysis' accessor and field-declaration knowledge, for analyses over these facts. */
    public Getters getters() {
        return getters;
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
        return build(classContext, method, methodGen, cfg, classContext.getDepthFirstSearch(method), false, getters, callees);
    }

    /**
     * Facts for a method's summary only, on a CFG of its own with SpotBugs' failed-assertion edges removed but its
     * infeasible-exception pruning not done: that pruning needs SpotBugs' type and value-number dataflows, which for
     * a callee in a class SpotBugs has not visited yet cost more than the rest of its summary, and are built again
     * when SpotBugs visits the class. Extra exception edges only add paths (to handlers no exception reaches).
     * These facts are for the summary's walk: never cached, never handed to a detector.
     */
    static MethodFacts computeForSummary(ClassContext classContext, Method method, Getters getters, CalleeEffects callees)
            throws CFGBuilderException, DataflowAnalysisException {
        MethodGen methodGen = classContext.getMethodGen(method);
        if (methodGen == null) {
            return null;
        }
        edu.umd.cs.findbugs.ba.CFGBuilder builder = edu.umd.cs.findbugs.ba.CFGBuilderFactory.create(
                MethodSummaries.descriptorOf(classContext, method), methodGen);
        builder.build();
        CFG cfg = builder.getCFG();
        cfg.setMethodGen(methodGen);
        cfg.setMethodName(methodGen.getClassName() + "." + methodGen.getName() + methodGen.getSignature());
        removeFailedAssertionEdges(cfg, methodGen);
        DepthFirstSearch dfs = new DepthFirstSearch(cfg);
        dfs.search();
        return build(classContext, method, methodGen, cfg, dfs, true, getters, callees);
    }

    private static MethodFacts build(ClassContext classContext, Method method, MethodGen methodGen, CFG cfg,
            DepthFirstSearch dfs, boolean ownCfg, Getters getters, CalleeEffects callees) throws DataflowAnalysisException {
        Dataflow<AccessPathFrame, AccessPathAnalysis> paths = new StepwiseDataflow<>(cfg,
                new AccessPathAnalysis(methodGen, dfs, getters, new LambdaSites(classContext.getJavaClass())));
        paths.execute();
        Dataflow<HeldLockSet, HeldLocksAnalysis> held =
                new Dataflow<>(cfg, new HeldLocksAnalysis(methodGen, dfs, paths, callees, new NonNullLocals(methodGen, getters)));
        held.execute();
        return new MethodFacts(classContext, method, methodGen, cfg, paths, held, getters, ownCfg ? dfs : null);
    }

    /**
     * As SpotBugs does for the CFG it hands out (assertions are taken to be enabled): the branch of
     * {@code if ($assertionsDisabled)} that skips an {@code assert} is not followed.
     */
    private static void removeFailedAssertionEdges(CFG cfg, MethodGen methodGen) {
        List<edu.umd.cs.findbugs.ba.Edge> skips = new ArrayList<>();
        for (Iterator<edu.umd.cs.findbugs.ba.Edge> i = cfg.edgeIterator(); i.hasNext();) {
            edu.umd.cs.findbugs.ba.Edge e = i.next();
            if (e.getType() == edu.umd.cs.findbugs.ba.EdgeTypes.IFCMP_EDGE && testsAssertionsDisabled(e.getSource(), methodGen)) {
                skips.add(e);
            }
        }
        skips.forEach(cfg::removeEdge);
    }

    private static boolean testsAssertionsDisabled(BasicBlock block, MethodGen methodGen) {
        org.apache.bcel.generic.InstructionHandle last = block.getLastInstruction();
        org.apache.bcel.generic.InstructionHandle prev = last == null ? null : last.getPrev();
        if (prev == null || !(last.getInstruction() instanceof org.apache.bcel.generic.IFNE)
                || !(prev.getInstruction() instanceof org.apache.bcel.generic.GETSTATIC)) {
            return false;
        }
        org.apache.bcel.generic.GETSTATIC get = (org.apache.bcel.generic.GETSTATIC) prev.getInstruction();
        return "$assertionsDisabled".equals(get.getFieldName(methodGen.getConstantPool()))
                && "Z".equals(get.getSignature(methodGen.getConstantPool()));
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
        if (descriptor == null) {
            descriptor = MethodSummaries.descriptorOf(classContext, method);
        }
        return descriptor;
    }

    /** Access paths of locals and stack before {@code location}. */
    public AccessPathFrame pathsAt(Location location) throws DataflowAnalysisException {
        return paths.getFactAtLocation(location);
    }

    /** The access-path dataflow itself, for the layer's walks along edges ({@link MergedValues}). */
    Dataflow<AccessPathFrame, AccessPathAnalysis> pathDataflow() {
        return paths;
    }

    /**
     * Whether both dataflows reached {@code block}: their facts are valid at its start and so, as neither transfer
     * makes a valid fact invalid, at every location in it.
     */
    public boolean analysedIn(BasicBlock block) {
        if (analysedBlocks == null) {
            // Asked once per location by the summary walk: two start-fact lookups each time cost more than one pass.
            java.util.BitSet reached = new java.util.BitSet();
            for (Iterator<BasicBlock> i = cfg.blockIterator(); i.hasNext();) {
                BasicBlock b = i.next();
                if (heldLocks.getStartFact(b).isValid() && paths.getStartFact(b).isValid()) {
                    reached.set(b.getLabel());
                }
            }
            analysedBlocks = reached;
        }
        return analysedBlocks.get(block.getLabel());
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

    /**
     * The labels of the blocks of the loop {@code location} lies on (the whole cycle of the CFG around it: a loop with
     * the loops nested in it, and a retry through a handler); empty when it lies on none.
     */
    public java.util.BitSet loopOf(Location location) {
        if (loopComponents == null) {
            loopComponents = Loops.cycleComponents(cfg);
        }
        java.util.BitSet out = new java.util.BitSet();
        int component = loopComponents[location.getBasicBlock().getLabel()];
        if (component >= 0) {
            for (int i = 0; i < loopComponents.length; i++) {
                if (loopComponents[i] == component) {
                    out.set(i);
                }
            }
        }
        return out;
    }

    /**
     * True when {@code location} lies on a loop with a conditional jump that re-tests something before it runs again
     * (a while/for/do condition, an {@code if} that breaks or returns, an inner {@code while} around it). False
     * outside loops and on loops that test nothing on the way round ({@code while (true) { wait(); }}, a retry
     * through an exception handler).
     */
    public boolean inLoopWithConditionalExit(Location location) {
        if (loopComponents == null) {
            loopComponents = Loops.cycleComponents(cfg);
        }
        return Loops.retestsBefore(cfg, loopComponents, location.getBasicBlock());
    }

    /**
     * True when every path from the method's entry to its normal exit runs {@code location} (its block
     * post-dominates the entry, exception edges aside), or when it sits in a loop (a loop's body is taken to run):
     * a call there is not behind a branch such as a cache or "already started" check.
     */
    public boolean runsOnEveryPath(Location location) throws CFGBuilderException, DataflowAnalysisException {
        if (inLoop(location)) {
            return true;
        }
        if (postDominatorsOfEntry == null) {
            postDominatorsOfEntry = postDominators().getAllDominatorsOf(cfg.getEntry());
        }
        return postDominatorsOfEntry.get(location.getBasicBlock().getLabel());
    }

    private edu.umd.cs.findbugs.ba.PostDominatorsAnalysis postDominators() throws CFGBuilderException, DataflowAnalysisException {
        if (ownSearch == null) {
            return classContext.getNonExceptionPostDominatorsAnalysis(method);
        }
        edu.umd.cs.findbugs.ba.ReverseDepthFirstSearch reverse = new edu.umd.cs.findbugs.ba.ReverseDepthFirstSearch(cfg);
        reverse.search();
        edu.umd.cs.findbugs.classfile.engine.bcel.NonExceptionPostDominatorsAnalysis analysis =
                new edu.umd.cs.findbugs.classfile.engine.bcel.NonExceptionPostDominatorsAnalysis(cfg, reverse, ownSearch);
        new Dataflow<>(cfg, analysis).execute();
        return analysis;
    }

    private edu.umd.cs.findbugs.ba.vna.ValueNumberDataflow ownValueNumbers() throws CFGBuilderException, DataflowAnalysisException {
        edu.umd.cs.findbugs.ba.vna.ValueNumberAnalysis analysis = new edu.umd.cs.findbugs.ba.vna.ValueNumberAnalysis(methodGen,
                ownSearch, classContext.getLoadedFieldSet(method),
                edu.umd.cs.findbugs.ba.AnalysisContext.currentAnalysisContext().getLookupFailureCallback());
        analysis.setMergeTree(new edu.umd.cs.findbugs.ba.vna.MergeTree(analysis.getFactory()));
        edu.umd.cs.findbugs.ba.vna.ValueNumberDataflow flow = new edu.umd.cs.findbugs.ba.vna.ValueNumberDataflow(cfg, analysis);
        flow.execute();
        return flow;
    }

    /**
     * The constant value of a call's argument ({@code 0} = the last argument, {@code 1} the one before...), or
     * null when it is not a constant.
     */
    public Object constantArgument(Location call, int fromLast) throws CFGBuilderException, DataflowAnalysisException {
        if (constants == null) {
            constants = ownSearch == null ? classContext.getConstantDataflow(method)
                    : new edu.umd.cs.findbugs.ba.constant.ConstantDataflow(cfg,
                            new edu.umd.cs.findbugs.ba.constant.ConstantAnalysis(methodGen, ownSearch));
            if (ownSearch != null) {
                constants.execute();
            }
        }
        edu.umd.cs.findbugs.ba.constant.ConstantFrame frame = constants.getFactAtLocation(inCfg(call, constants.getCFG()));
        int slot = stackSlotOfArgument(call, fromLast);
        if (!frame.isValid() || slot < 0 || slot >= frame.getStackDepth()) {
            return fromLast == 0 ? pushedJustBefore(call.getHandle()) : null;
        }
        // Either word of a long or double may carry its value.
        for (int word = slot; word >= 0 && word >= slot - 1; word--) {
            edu.umd.cs.findbugs.ba.constant.Constant c = frame.getStackValue(word);
            if (c.isConstant()) {
                return c.getConstantValue();
            }
        }
        return fromLast == 0 ? pushedJustBefore(call.getHandle()) : null;
    }

    /**
     * The constant the instruction before {@code call} pushes ({@code lconst_0} for {@code sleep(0)}): SpotBugs'
     * constant analysis models int and string constants only.
     */
    private Object pushedJustBefore(org.apache.bcel.generic.InstructionHandle call) {
        org.apache.bcel.generic.InstructionHandle prev = call.getPrev();
        if (prev == null || call.hasTargeters()) {
            return null;
        }
        org.apache.bcel.generic.Instruction ins = prev.getInstruction();
        if (ins instanceof org.apache.bcel.generic.ConstantPushInstruction) {
            return ((org.apache.bcel.generic.ConstantPushInstruction) ins).getValue();
        }
        if (ins instanceof org.apache.bcel.generic.LDC2_W) {
            return ((org.apache.bcel.generic.LDC2_W) ins).getValue(methodGen.getConstantPool());
        }
        return null;
    }

    /**
     * {@code location} in the CFG a SpotBugs dataflow of this method was built on. SpotBugs drops method analyses
     * between classes, so that CFG may be a new instance of the one these facts were built on; blocks are labelled
     * in the same order, so a location maps by label and offset.
     */
    private Location inCfg(Location location, CFG current) throws CFGBuilderException {
        if (current == cfg) {
            return location;
        }
        BasicBlock block = current.lookupBlockByLabel(location.getBasicBlock().getLabel());
        if (block != null) {
            for (Iterator<org.apache.bcel.generic.InstructionHandle> i = block.instructionIterator(); i.hasNext();) {
                org.apache.bcel.generic.InstructionHandle h = i.next();
                if (h.getPosition() == location.getHandle().getPosition()) {
                    return new Location(h, block);
                }
            }
        }
        throw new CFGBuilderException("the CFG of " + method.getName() + " changed between analyses");
    }

    /** The parameter (0-based) whose entry value a call's argument is, or -1. */
    public int parameterOfArgument(Location call, int fromLast) throws CFGBuilderException, DataflowAnalysisException {
        if (valueNumbers == null) {
            valueNumbers = ownSearch == null ? classContext.getValueNumberDataflow(method) : ownValueNumbers();
        }
        edu.umd.cs.findbugs.ba.vna.ValueNumberFrame frame = valueNumbers.getFactAtLocation(inCfg(call, valueNumbers.getCFG()));
        int slot = stackSlotOfArgument(call, fromLast);
        if (!frame.isValid() || slot < 0 || slot >= frame.getStackDepth()) {
            return -1;
        }
        // Either word of a long or double may carry its value number.
        for (int word = slot; word >= 0 && word >= slot - 1; word--) {
            edu.umd.cs.findbugs.ba.vna.ValueNumber value = frame.getStackValue(word);
            int params = methodGen.getArgumentTypes().length;
            for (int i = 0; i < params; i++) {
                if (value.getNumber() == valueNumbers.getAnalysis().getEntryValueForParameter(i).getNumber()) {
                    return i;
                }
            }
        }
        return -1;
    }

    /**
     * Stack slot (0 = top) of a call's argument counted from its last one, the deeper slot of a long or double
     * (where its value is); -1 when out of range.
     */
    private int stackSlotOfArgument(Location call, int fromLast) {
        org.apache.bcel.generic.Type[] types = ((org.apache.bcel.generic.InvokeInstruction) call.getHandle().getInstruction())
                .getArgumentTypes(methodGen.getConstantPool());
        if (fromLast >= types.length) {
            return -1;
        }
        int slot = 0;
        for (int i = types.length - 1; i > types.length - 1 - fromLast; i--) {
            slot += types[i].getSize();
        }
        return slot + types[types.length - 1 - fromLast].getSize() - 1;
    }

    /** Source line of a bytecode offset, or -1. */
    public int lineOf(int pc) {
        LineNumberTable lines = method.getLineNumberTable();
        return lines == null || pc < 0 ? -1 : lines.getSourceLine(pc);
    }

    /**
     * A dataflow whose fact before a location is computed from the fact before an earlier location of the same block
     * when the last question was about one (SpotBugs replays the block from its start for every question, which costs
     * the square of a block's length to walk it). For analyses whose transfer depends only on the bytecode, such as
     * {@link AccessPathAnalysis}: the answer is the same fact the replay gives, a new object each time.
     */
    static final class StepwiseDataflow<Fact, A extends edu.umd.cs.findbugs.ba.AbstractDataflowAnalysis<Fact>>
            extends Dataflow<Fact, A> {
        private BasicBlock block;
        private org.apache.bcel.generic.InstructionHandle next;
        private Fact before;
        private boolean transferring;

        StepwiseDataflow(CFG cfg, A analysis) {
            super(cfg, analysis);
        }

        @Override
        public Fact getFactAtLocation(Location location) throws DataflowAnalysisException {
            A analysis = getAnalysis();
            BasicBlock at = location.getBasicBlock();
            org.apache.bcel.generic.InstructionHandle target = location.getHandle();
            if (at != block || before == null || next == null || target.getPosition() < next.getPosition()) {
                block = at;
                before = analysis.createFact();
                analysis.makeFactTop(before);
                analysis.copy(analysis.getStartFact(at), before);
                transferring = analysis.isFactValid(before);
                next = at.getFirstInstruction();
            }
            boolean stepped = false;
            try {
                while (next != null && next != target) {
                    if (transferring) {
                        analysis.transferInstruction(next, at, before);
                    }
                    next = next == at.getLastInstruction() ? null : next.getNext();
                }
                stepped = true;
            } finally {
                if (!stepped) {
                    block = null; // the fact is half transferred: never step on from it
                }
            }
            if (next == null) {
                // Not an instruction of this block after all: answer as SpotBugs does, and start afresh next time.
                block = null;
                return super.getFactAtLocation(location);
            }
            Fact out = analysis.createFact();
            analysis.makeFactTop(out);
            analysis.copy(before, out);
            return out;
        }
    }
}
