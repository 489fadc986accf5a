package io.github.gridlock.detectors.analysis;

import edu.umd.cs.findbugs.ba.BasicBlock;
import edu.umd.cs.findbugs.ba.Dataflow;
import edu.umd.cs.findbugs.ba.DataflowAnalysisException;
import edu.umd.cs.findbugs.ba.Edge;
import edu.umd.cs.findbugs.ba.ForwardDataflowAnalysis;
import edu.umd.cs.findbugs.ba.Location;
import org.apache.bcel.Const;
import org.apache.bcel.generic.FieldInstruction;
import org.apache.bcel.generic.InstructionHandle;
import org.apache.bcel.generic.PUTFIELD;

import java.util.HashSet;
import java.util.Set;

/**
 * A forward "may" analysis over sets of {@link AccessPath}s: which objects have had something done
 * to them (started, shut down, signalled...) on some path to each point. Subclasses say what an
 * instruction adds ({@link #gen}); this class does the killing that every such analysis needs: the
 * object produced by an instruction that runs again (a loop's {@code new} or {@code next()}) is a new
 * object, and a field that is assigned holds a new object.
 */
public abstract class PathSetAnalysis extends ForwardDataflowAnalysis<PathSetAnalysis.PathSet> {

    /** The fact: a set of paths, or TOP before the first visit. */
    public static final class PathSet {
        private boolean top = true;
        private final Set<AccessPath> paths = new HashSet<>();

        public boolean contains(AccessPath p) {
            return !top && paths.contains(p);
        }

        public Set<AccessPath> paths() {
            return java.util.Collections.unmodifiableSet(paths);
        }

        public void add(AccessPath p) {
            if (p != null && p.isKnown()) {
                paths.add(p);
            }
        }

        @Override
        public String toString() {
            return top ? "TOP" : paths.toString();
        }
    }

    protected final MethodFacts facts;

    protected PathSetAnalysis(MethodFacts facts) throws edu.umd.cs.findbugs.ba.CFGBuilderException {
        super(facts.classContext().getDepthFirstSearch(facts.method()));
        this.facts = facts;
    }

    /** Runs the analysis over the method's CFG. */
    public Dataflow<PathSet, PathSetAnalysis> run() throws DataflowAnalysisException {
        Dataflow<PathSet, PathSetAnalysis> dataflow = new Dataflow<>(facts.cfg(), this);
        dataflow.execute();
        return dataflow;
    }

    /** Paths in the set on entry to the method. */
    protected abstract void initial(PathSet entry);

    /** Adds what the instruction at {@code location} does; {@code frame} is before it. */
    protected abstract void gen(Location location, AccessPathFrame frame, PathSet fact) throws DataflowAnalysisException;

    @Override
    public PathSet createFact() {
        return new PathSet();
    }

    @Override
    public void copy(PathSet source, PathSet dest) {
        dest.top = source.top;
        dest.paths.clear();
        dest.paths.addAll(source.paths);
    }

    @Override
    public void initEntryFact(PathSet fact) {
        fact.top = false;
        fact.paths.clear();
        initial(fact);
    }

    @Override
    public void makeFactTop(PathSet fact) {
        fact.top = true;
        fact.paths.clear();
    }

    @Override
    public boolean isTop(PathSet fact) {
        return fact.top;
    }

    @Override
    public boolean same(PathSet a, PathSet b) {
        return a.top == b.top && a.paths.equals(b.paths);
    }

    @Override
    public boolean isFactValid(PathSet fact) {
        return !fact.top;
    }

    @Override
    public void meetInto(PathSet fact, Edge edge, PathSet result) {
        if (fact.top) {
            return;
        }
        result.top = false;
        result.paths.addAll(fact.paths);
    }

    @Override
    public void transferInstruction(InstructionHandle handle, BasicBlock block, PathSet fact) throws DataflowAnalysisException {
        if (fact.top) {
            return;
        }
        int pc = handle.getPosition();
        fact.paths.removeIf(p -> p.isProducedAt(pc));
        Location location = new Location(handle, block);
        AccessPathFrame frame = facts.pathsAt(location);
        if (!frame.isValid()) {
            return;
        }
        short op = handle.getInstruction().getOpcode();
        if (op == Const.PUTFIELD || op == Const.PUTSTATIC) {
            FieldInstruction put = (FieldInstruction) handle.getInstruction();
            String name = put.getFieldName(facts.methodGen().getConstantPool());
            String owner = facts.getters().declaringClass(put.getReferenceType(facts.methodGen().getConstantPool()).toString(), name);
            AccessPath assigned = op == Const.PUTSTATIC ? AccessPath.staticField(owner, name)
                    : AccessPath.field(frame.getStackValue(1), owner, name);
            if (handle.getInstruction() instanceof PUTFIELD && !assigned.isKnown()) {
                // Unknown receiver: any field of that name may have been reassigned.
                fact.paths.removeIf(p -> p.kind() == AccessPath.Kind.FIELD && p.name().equals(name) && p.owner().equals(owner));
            } else {
                fact.paths.removeIf(p -> p.hasPrefix(assigned));
            }
        }
        gen(location, frame, fact);
    }

    /** Forgets what is known about objects under {@code reassigned}: a callee stored new objects there. */
    protected static void killUnder(PathSet fact, java.util.Collection<AccessPath> reassigned) {
        if (!reassigned.isEmpty()) {
            fact.paths.removeIf(p -> p.hasPrefixIn(reassigned));
        }
    }
}
